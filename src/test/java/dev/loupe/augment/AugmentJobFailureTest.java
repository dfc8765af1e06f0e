package dev.loupe.augment;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
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

/** A source image that cannot be read fails its own copy, reported with the reason; the other copies are made. */
class AugmentJobFailureTest {
    @TempDir
    Path tmp;

    @Test
    void oneUnreadableSourceDoesNotStopTheOtherCopies() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("in"));
        for (String name : List.of("bus.jpg", "dog.jpg")) {
            Files.copy(SharedData.photos().resolve(name), folder.resolve(name));
        }
        try (Project p = Project.create(tmp.resolve("p"))) {
            new ImportImagesJob(p.store(), "d", ImportSources.fromFolder(folder),
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
            List<ImageItem> images = p.store().imagePage(ImageFilter.all(1), 0, 10);
            ImageItem gone = images.stream().filter(im -> im.fileName().equals("bus.jpg")).findFirst().orElseThrow();
            Files.delete(Path.of(gone.path()));
            List<RebalancePlan.Copy> copies = List.of(new RebalancePlan.Copy(0, 0, images.get(0).id(), 1),
                    new RebalancePlan.Copy(0, 1, images.get(1).id(), 2));
            RebalancePlan plan = new RebalancePlan(4, List.of(new RebalancePlan.ClusterPlan(0, 2, 0, 2)), copies);
            AugmentJob.Report r = new AugmentJob(p.store(), "d", plan, AugmentRanges.reference(),
                    p.cacheDir("augmented")).run(JobContext.silent());
            assertEquals(1, r.copies(), r.toString());
            assertEquals(1, r.failed().size(), r.toString());
            assertTrue(r.failed().get(0).item().contains(Long.toString(gone.id()))
                    && r.failed().get(0).reason().contains("not found"), r.failed().toString());
            assertEquals(1, p.store().augmentedImages(1).size());
        }
    }
}
