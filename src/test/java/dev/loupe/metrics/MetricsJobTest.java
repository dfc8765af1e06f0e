package dev.loupe.metrics;

import dev.loupe.core.Box;
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
}
