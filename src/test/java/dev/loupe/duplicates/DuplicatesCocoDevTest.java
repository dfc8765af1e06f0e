package dev.loupe.duplicates;

import dev.loupe.augment.AugmentRanges;
import dev.loupe.augment.Augmenter;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.NearDuplicate;
import dev.loupe.core.Split;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImageDecoder;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.split.Splits;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * All of coco-dev with two augmented copies of every picture written as files of their own (so nothing links them
 * but their pixels): each copy is found with its source, no two unrelated pictures are paired, and the split keeps
 * the pairs on one side.
 */
class DuplicatesCocoDevTest {
    /** Two COCO pictures of one scene taken a moment apart: the one real near-duplicate pair of coco-dev. */
    private static final Set<String> ONE_SCENE = Set.of("000000318219", "000000554625");

    @TempDir
    Path tmp;

    @Test
    void everyCopyIsFoundWithItsSourceAndNoUnrelatedPairIs() throws Exception {
        Path copies = Files.createDirectories(tmp.resolve("copies"));
        List<Path> sources;
        try (Stream<Path> s = Files.list(SharedData.cocoDev())) {
            sources = s.flatMap(subset -> listImages(subset.resolve("images")).stream()).sorted().toList();
        }
        for (int i = 0; i < sources.size(); i++) {
            BufferedImage image = ImageDecoder.decode(sources.get(i), 1);
            String stem = stem(sources.get(i));
            List<AugmentRanges> ranges = List.of(AugmentRanges.reference(), AugmentRanges.all());
            for (int k = 0; k < ranges.size(); k++) {
                BufferedImage copy = Augmenter.apply(image, ranges.get(k).draw(i), List.of(), 0.25).image();
                ImageIO.write(copy, "jpg", copies.resolve(stem + "-copy" + k + ".jpg").toFile());
            }
        }
        try (Project p = Project.create(tmp.resolve("p"))) {
            List<String> roots = new ArrayList<>();
            try (Stream<Path> s = Files.list(SharedData.cocoDev())) {
                s.forEach(subset -> roots.add(subset.resolve("images").toString()));
            }
            roots.add(copies.toString());
            new ImportImagesJob(p.store(), "d", ImportSources.fromArguments(roots),
                    new UrlFetcher(tmp.resolve("downloads"), Duration.ofSeconds(1))).run(JobContext.silent());
            long ds = p.store().requireDataset("d").id();
            Map<Long, String> sceneOf = new HashMap<>();
            Map<Long, String> nameOf = new HashMap<>();
            for (ImageItem im : p.store().images(p.store().imageIds(ImageFilter.all(ds)))) {
                String name = stem(Path.of(im.path()));
                nameOf.put(im.id(), name);
                sceneOf.put(im.id(), name.replaceAll("-copy\\d$", ""));
            }
            assertEquals(3 * sources.size(), sceneOf.size(), "every picture and copy imported");

            DuplicatesReport report = new DuplicatesJob(p.store(), "d", DuplicatesJob.DEFAULT_THRESHOLD)
                    .run(JobContext.silent());
            assertTrue(report.skipped().isEmpty(), report.skipped().toString());
            assertEquals(report.pairs(), p.store().nearDuplicates(ds), "stored as found");
            Set<String> found = new HashSet<>();
            for (NearDuplicate d : report.pairs()) {
                String a = sceneOf.get(d.imageA());
                String b = sceneOf.get(d.imageB());
                assertTrue(a.equals(b) || ONE_SCENE.contains(a) && ONE_SCENE.contains(b),
                        "unrelated pictures paired: " + nameOf.get(d.imageA()) + " ~ " + nameOf.get(d.imageB())
                                + " on " + d.matched() + " points");
                found.add(nameOf.get(d.imageA()) + "~" + nameOf.get(d.imageB()));
            }
            for (Path source : sources) {
                String stem = stem(source);
                assertTrue(found.contains(stem + "~" + stem + "-copy0") || found.contains(stem + "-copy0~" + stem),
                        "reference copy of " + stem);
                assertTrue(found.contains(stem + "~" + stem + "-copy1") || found.contains(stem + "-copy1~" + stem),
                        "all-operations copy of " + stem);
            }
            assertTrue(found.contains("000000318219~000000554625"), "the real pair of one scene");
            System.out.printf("%d images, %d candidates, %d pairs, %.1f s%n", report.images(), report.candidates(),
                    report.pairs().size(), report.seconds());

            Splits.make(p.store(), "d", 0.3, 0, 7);
            Map<Long, Split> sides = p.store().split(ds);
            report.pairs().forEach(d -> assertEquals(sides.get(d.imageA()), sides.get(d.imageB()),
                    nameOf.get(d.imageA()) + " and " + nameOf.get(d.imageB()) + " on one side"));

            String first = stem(sources.get(0));
            Path list = Files.writeString(tmp.resolve("test.txt"), first + ".jpg\n");
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Splits.fromTestList(p.store(), "d", list, 0, 1, false));
            assertTrue(refused.getMessage().contains(first) && refused.getMessage().contains("--allow-near-duplicates"),
                    refused.getMessage());
            assertEquals(sides, p.store().split(ds), "a refused list leaves the split as it was");
            Splits.Report allowed = Splits.fromTestList(p.store(), "d", list, 0, 1, true);
            assertEquals(1, allowed.images().get(Split.TEST));
            assertTrue(allowed.nearDuplicatesParted().size() >= 2, "the source parted from both copies");
        }
    }

    private static List<Path> listImages(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }
}
