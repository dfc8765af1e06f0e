package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ImageItem;
import dev.loupe.project.Project;
import dev.loupe.rank.RankJob;
import dev.loupe.rank.RankedImage;
import dev.loupe.rank.UnlabelledImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "rank", mixinStandardHelpOptions = true,
        description = {"The images most worth labelling next, best first: where the model is least sure, spread over "
                + "the kinds of scene it sees, near-duplicates of a ranked image left out.",
                "With --task, only images nobody has labelled there yet (unreviewed pre-annotations count as not "
                        + "labelled). The model's predictions are kept in a task of their own, so a second run does "
                        + "not infer again."})
final class RankCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT")
    Path project;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--task", paramLabel = "NAME", description = "Leave out the images already labelled in this task.")
    String task;

    @Option(names = "--model", defaultValue = "yolox_nano", paramLabel = "NAME")
    String model;

    @Option(names = "--models-dir", paramLabel = "DIR")
    Path modelsDir;

    @Option(names = "--top", defaultValue = "100", paramLabel = "K", description = "How many to rank (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--diversity", defaultValue = "" + RankJob.DEFAULT_DIVERSITY, paramLabel = "D",
            description = "0: uncertainty alone; 1: an image just like a ranked one is worth nothing (default ${DEFAULT-VALUE}).")
    double diversity;

    @Option(names = "--json", description = "Print JSON: {\"ranked\": [{image, imageId, uncertainty, value, likeness}]}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Project p = CliSupport.open(project)) {
            Set<Long> candidates = UnlabelledImages.of(p.store(), dataset, task);
            List<RankedImage> ranked = CliSupport.run("rank", new RankJob(p.store(),
                    new RankJob.Request(dataset, candidates, model, modelsDir, top, diversity)));
            List<ImageItem> images = p.store().images(ranked.stream().mapToLong(RankedImage::imageId).toArray());
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode out = mapper.createObjectNode();
            ArrayNode list = out.putArray("ranked");
            for (int i = 0; i < ranked.size(); i++) {
                RankedImage r = ranked.get(i);
                String name = images.get(i).relativePath();
                list.addObject().put("image", name).put("imageId", r.imageId())
                        .put("uncertainty", round(r.uncertainty())).put("value", round(r.value()))
                        .put("likeness", round(r.likeness()));
                if (!json) {
                    System.out.printf("%4d  %-40s uncertainty %6.3f  value %6.3f  likeness %.2f%n", i + 1, name,
                            r.uncertainty(), r.value(), r.likeness());
                }
            }
            if (json) {
                System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(out));
            } else {
                System.out.printf("%,d of %,d images to label ranked%n", ranked.size(), candidates.size());
            }
        }
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
