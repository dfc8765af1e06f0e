package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ImageItem;
import dev.loupe.core.NearDuplicate;
import dev.loupe.core.Split;
import dev.loupe.duplicates.DuplicatesJob;
import dev.loupe.duplicates.DuplicatesReport;
import dev.loupe.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

@Command(name = "duplicates", mixinStandardHelpOptions = true,
        description = {"Find near-duplicate images in a dataset (copies, crops, rescaled, flipped or brightened "
                + "versions of one picture) and store them: the split then keeps each pair on one side.",
                "Pairs on different sides of the current split (a test image with a twin in training) are listed "
                        + "first."})
final class DuplicatesCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT")
    Path project;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--threshold", defaultValue = "" + DuplicatesJob.DEFAULT_THRESHOLD, paramLabel = "POINTS",
            description = "Matched points that make two images near-duplicates (default ${DEFAULT-VALUE}; "
                    + "augmented copies keep 19 or more, unrelated photos rarely reach 6).")
    int threshold;

    @Option(names = "--top", defaultValue = "20", paramLabel = "N",
            description = "How many of the pairs on one side to list (default ${DEFAULT-VALUE}); parted pairs are all listed.")
    int top;

    @Option(names = "--json", description = "Print JSON: {\"pairs\": [{a, b, matched, sides: [A's, B's], parted}]}, "
            + "most alike first.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Project p = CliSupport.open(project)) {
            DuplicatesReport r = CliSupport.run("duplicates", new DuplicatesJob(p.store(), dataset, threshold));
            Map<Long, Split> sides = p.store().split(p.store().requireDataset(dataset).id());
            Map<Long, String> names = new HashMap<>();
            long[] ids = r.pairs().stream().flatMapToLong(d -> LongStream.of(d.imageA(), d.imageB()))
                    .distinct().toArray();
            for (ImageItem im : p.store().images(ids)) {
                names.put(im.id(), im.relativePath());
            }
            List<NearDuplicate> parted = r.pairs().stream().filter(d -> parted(d, sides)).toList();
            if (json) {
                printJson(r, sides, names);
                return 0;
            }
            System.out.printf("%,d images, %,d candidate pairs checked, %,d near-duplicate pairs (%.1f s)%n",
                    r.images(), r.candidates(), r.pairs().size(), r.seconds());
            if (!parted.isEmpty()) {
                System.out.printf("%d pair(s) on different sides of the split (split again to keep them together):%n",
                        parted.size());
                parted.forEach(d -> print(d, sides, names));
            }
            List<NearDuplicate> together = r.pairs().stream().filter(d -> !parted(d, sides)).limit(top).toList();
            if (!together.isEmpty()) {
                System.out.println(sides.isEmpty() ? "Most alike (the dataset is not split yet):" : "Most alike:");
                together.forEach(d -> print(d, sides, names));
            }
            r.skipped().forEach(s -> System.out.println("skipped " + s.item() + ": " + s.reason()));
        }
        return 0;
    }

    private static boolean parted(NearDuplicate d, Map<Long, Split> sides) {
        return sides.containsKey(d.imageA()) && sides.containsKey(d.imageB())
                && sides.get(d.imageA()) != sides.get(d.imageB());
    }

    private static String side(long image, Map<Long, Split> sides) {
        Split s = sides.get(image);
        return s == null ? "none" : s.name().toLowerCase(Locale.ROOT);
    }

    private static void print(NearDuplicate d, Map<Long, Split> sides, Map<Long, String> names) {
        System.out.printf("  %4d  %s (%s)  ~  %s (%s)%n", d.matched(), names.get(d.imageA()), side(d.imageA(), sides),
                names.get(d.imageB()), side(d.imageB(), sides));
    }

    private static void printJson(DuplicatesReport r, Map<Long, Split> sides, Map<Long, String> names)
            throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode out = mapper.createObjectNode().put("images", r.images()).put("candidates", r.candidates());
        var list = out.putArray("pairs");
        for (NearDuplicate d : r.pairs()) {
            ObjectNode n = list.addObject().put("a", names.get(d.imageA())).put("b", names.get(d.imageB()))
                    .put("matched", d.matched());
            n.putArray("sides").add(side(d.imageA(), sides)).add(side(d.imageB(), sides));
            n.put("parted", parted(d, sides));
        }
        System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    }
}
