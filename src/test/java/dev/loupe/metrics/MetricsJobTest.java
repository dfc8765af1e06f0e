package dev.loupe.metrics;

import dev.loupe.core.Box;
import dev.loupe.core.BoxMetrics;
import dev.loupe.core.ImageMetrics;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.testing.SharedData;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsJobTest {
    @TempDir
    Path tmp;

    @Test
    void computesOnceCachesAndRecomputesOnlyWhatChangedThenExportsARowPerImageAndBox() throws Exception {
        try (Project p = Project.create(tmp.resolve("p"))) {
            new ImportImagesJob(p.store(), "d", ImportSources.fromArguments(List.of(SharedData.photos().toString())),
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
            long[] ids = p.store().imageIds(ImageFilter.all(1));
            long task = p.store().task("t", "").id();
            long person = p.store().label("person").id();
            p.store().addBoxes(List.of(new NewBox(ids[0], task, person, 10, 10, 100, 200, Source.HUMAN, Double.NaN,
                    ReviewStatus.ACCEPTED, ""), new NewBox(ids[1], task, person, 0, 0, 50, 50, Source.HUMAN, Double.NaN,
                    ReviewStatus.ACCEPTED, "")));

            MetricsReport first = new MetricsJob(p.store(), "d").run(JobContext.silent());
            assertEquals(6, first.imagesComputed());
            assertEquals(2, first.boxesComputed());
            MetricsReport again = new MetricsJob(p.store(), "d").run(JobContext.silent());
            assertEquals(0, again.imagesComputed() + again.boxesComputed(), "everything was current");

            Thread.sleep(5); // a later updated_at
            Box b = p.store().boxes(ids[0]).get(0);
            p.store().updateBox(b.with(20, 20, 100, 200, person, Source.HUMAN, ReviewStatus.ACCEPTED, "x"));
            MetricsReport afterEdit = new MetricsJob(p.store(), "d").run(JobContext.silent());
            assertEquals(0, afterEdit.imagesComputed());
            assertEquals(1, afterEdit.boxesComputed(), "only the edited box");

            Path csv = tmp.resolve("m.csv");
            assertEquals(8, MetricsCsv.write(p.store(), "d", csv));
            List<String> lines = Files.readAllLines(csv);
            assertEquals(MetricsCsv.HEADER, lines.get(0));
            assertEquals(6, lines.stream().filter(l -> l.startsWith("image,")).count());
            assertEquals(2, lines.stream().filter(l -> l.startsWith("box,")).count());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("image,bus.jpg,,,810,1080,")), lines.toString());
        }
    }

    /** Orientation 6 turns stored 40x20 into a 20x40 display image whose red corner is at the top right. */
    @Test
    void measuresImagesAndBoxesInTheDisplayFrameOfExifRotatedImages() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("rotated"));
        Files.write(folder.resolve("r.png"), TestImages.pngWithOrientation(40, 20, 6));
        try (Project p = Project.create(tmp.resolve("p"))) {
            new ImportImagesJob(p.store(), "d", ImportSources.fromFolder(folder),
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
            long id = p.store().imageIds(ImageFilter.all(1))[0];
            long task = p.store().task("t", "").id();
            long label = p.store().label("corner").id();
            p.store().addBoxes(List.of(new NewBox(id, task, label, 15, 0, 5, 10, Source.HUMAN, Double.NaN,
                    ReviewStatus.ACCEPTED, "")));
            new MetricsJob(p.store(), "d").run(JobContext.silent());
            ImageMetrics m = p.store().imageMetrics(1).get(0);
            assertEquals(20, m.widthPx());
            assertEquals(40, m.heightPx());
            BoxMetrics corner = p.store().boxMetrics(1).get(0);
            assertEquals(255, corner.meanR(), 1e-9, "the red stored corner is at the display's top right");
            assertEquals(0, corner.meanB(), 1e-9);
            assertEquals(5 * 10 / 800.0, corner.relativeArea(), 1e-12);
        }
    }
}
