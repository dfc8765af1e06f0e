package dev.loupe.split;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Split;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A dataset's own test list (raccoon's CSV, one row per box) becomes exactly the test side. */
class TestListSplitTest {
    @TempDir
    Path tmp;

    private static Path raccoon() {
        return SharedData.root().resolve("data/raccoon");
    }

    @Test
    void theListedImagesAndOnlyThoseAreTheTestSide() throws Exception {
        try (Project p = Project.create(tmp.resolve("p"))) {
            new ImportImagesJob(p.store(), "r", ImportSources.fromFolder(raccoon().resolve("images")),
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
            Path csv = raccoon().resolve("test_labels.csv");
            Set<String> listed = Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")[0])
                    .collect(Collectors.toSet());
            Splits.Report r = Splits.fromTestList(p.store(), "r", csv, 0, 1, false);

            long dataset = p.store().requireDataset("r").id();
            Map<Long, Split> sides = p.store().split(dataset);
            List<ImageItem> images = p.store().images(p.store().imageIds(ImageFilter.all(dataset)));
            Set<String> test = images.stream().filter(im -> sides.get(im.id()) == Split.TEST).map(ImageItem::fileName)
                    .collect(Collectors.toSet());
            Set<String> imported = images.stream().map(ImageItem::fileName).collect(Collectors.toSet());
            Set<String> expected = listed.stream().filter(imported::contains).collect(Collectors.toSet());
            assertEquals(expected, test, "exactly the listed images are held out");
            assertEquals(listed.size() - expected.size(), r.unmatched().size(), "names not imported are reported");
            assertEquals(images.size(), sides.size(), "every image has a side");
            assertEquals(images.size() - test.size(), r.images().get(Split.TRAIN));

            // a plain list with a header-less name that matches nothing: reported, the rest still held out
            Path list = tmp.resolve("test.txt");
            Files.writeString(list, "raccoon-1.jpg\nraccoon-2.jpg\n\nno-such-image.jpg\n");
            Splits.Report plain = Splits.fromTestList(p.store(), "r", list, 0.1, 1, false);
            assertEquals(List.of("no-such-image.jpg"), plain.unmatched());
            assertEquals(2, plain.images().get(Split.TEST));
            assertTrue(plain.images().get(Split.VALIDATION) > 0, "a validation share of the rest");

            Path nothing = tmp.resolve("none.txt");
            Files.writeString(nothing, "a.jpg\nb.jpg\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Splits.fromTestList(p.store(), "r", nothing, 0, 1, false));
            assertTrue(e.getMessage().contains("none.txt") && e.getMessage().contains("a.jpg"), e.getMessage());
        }
    }
}
