package dev.loupe.ui.explore;

import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.metrics.MetadataImport;
import dev.loupe.project.Project;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metadata fields plot and select like built-in metrics; images without a value are never selected. */
class ExploreViewModelTest {
    @TempDir
    Path tmp;

    @Test
    void numericMetadataBecomesAnAxis() throws Exception {
        try (Project p = Project.create(tmp.resolve("p"))) {
            new ImportImagesJob(p.store(), "d", ImportSources.fromArguments(List.of(SharedData.photos().toString())),
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
            MetadataImport.run(p.store(), "d", Files.writeString(tmp.resolve("m.csv"),
                    "image,lux\nbus.jpg,1200\ndog.jpg,300\nkite.jpg,80\n"));
            ExploreViewModel vm = ExploreViewModel.load(p.store(), "d", JobContext.silent());
            String lux = ExploreViewModel.METADATA + "lux";
            assertTrue(vm.axisNames().contains(lux), vm.axisNames().toString());
            assertEquals(3, Arrays.stream(vm.axis(lux)).filter(v -> !Double.isNaN(v)).count());
            long[] dim = vm.select(ImageAxis.INDEX.title, lux, new double[]{-1, 0, 10, 500});
            long[] expected = p.store().images(p.store().imageIds(dev.loupe.core.ImageFilter.all(1))).stream()
                    .filter(i -> i.fileName().equals("dog.jpg") || i.fileName().equals("kite.jpg"))
                    .mapToLong(dev.loupe.core.ImageItem::id).sorted().toArray();
            assertArrayEquals(expected, dim);
        }
    }
}
