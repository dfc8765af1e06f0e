package dev.loupe.ui.explore;

import dev.loupe.ui.plot.PlotRegion;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.metrics.MetadataImport;
import dev.loupe.metrics.PointTable;
import dev.loupe.metrics.PointTables;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metadata fields plot, colour and select like built-in metrics; images without a value are never selected. */
class ExploreViewModelTest {
    @TempDir
    Path tmp;

    @Test
    void imageAndBoxMetadataBecomeAxesAndCategoriesAndSelectionsMapToImages() throws Exception {
        try (Project p = Project.create(tmp.resolve("p"))) {
            new ImportImagesJob(p.store(), "d", ImportSources.fromArguments(List.of(SharedData.photos().toString())),
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
            List<ImageItem> items = p.store().images(p.store().imageIds(ImageFilter.all(1)));
            long bus = id(items, "bus.jpg");
            long dog = id(items, "dog.jpg");
            long task = p.store().task("gt", "").id();
            long person = p.store().label("person").id();
            long car = p.store().label("car").id();
            long[] boxes = p.store().addBoxes(List.of(
                    new NewBox(bus, task, person, 10, 10, 100, 200, Source.HUMAN, Double.NaN, ReviewStatus.ACCEPTED, ""),
                    new NewBox(bus, task, person, 200, 10, 50, 100, Source.HUMAN, Double.NaN, ReviewStatus.ACCEPTED, ""),
                    new NewBox(dog, task, car, 0, 0, 300, 200, Source.MODEL, 0.9, ReviewStatus.PENDING, "")));
            MetadataImport.run(p.store(), "d", Files.writeString(tmp.resolve("m.csv"),
                    "image,lux,weather\nbus.jpg,1200,sun\ndog.jpg,300,rain\nkite.jpg,80,\n"));
            MetadataImport.Report byBox = MetadataImport.run(p.store(), "d", Files.writeString(tmp.resolve("b.csv"),
                    "box,occluded\n" + boxes[0] + ",0.5\n" + boxes[2] + ",0.1\n999999,1\n"));
            assertEquals(List.of("999999"), byBox.unknownImages(), "an unknown box id is reported, not stored");

            ExploreViewModel vm = ExploreViewModel.load(p.store(), "d", JobContext.silent());
            PointTable images = vm.table(PointTable.Kind.IMAGES);
            String lux = PointTables.METADATA + "lux";
            assertTrue(images.numericNames().contains(lux), images.numericNames().toString());
            assertEquals(3, Arrays.stream(images.numeric(lux)).filter(v -> !Double.isNaN(v)).count());
            PointTable.Category weather = images.category(PointTables.METADATA + "weather");
            assertEquals(List.of("sun", "rain"), weather.names());
            PointTable.Category main = images.category(PointTables.MAIN_LABEL);
            int busPoint = Arrays.binarySearch(items.stream().mapToLong(ImageItem::id).sorted().toArray(), bus);
            assertEquals("person", main.names().get(main.codes()[busPoint]));
            assertEquals(2, images.numeric("box count")[busPoint]);

            int[] dim = ExploreViewModel.select(images, PointTables.INDEX, lux, PlotRegion.rectangle(-1, 0, 10, 500));
            long[] expected = items.stream().filter(i -> i.fileName().equals("dog.jpg") || i.fileName().equals("kite.jpg"))
                    .mapToLong(ImageItem::id).sorted().toArray();
            assertArrayEquals(expected, images.imagesOf(dim));

            PointTable box = vm.table(PointTable.Kind.BOXES);
            assertEquals(3, box.size());
            assertEquals(List.of("person", "car"), box.category(PointTables.LABEL).names());
            assertEquals(List.of("accepted", "pending"), box.category("status").names());
            double[] occluded = box.numeric(PointTables.METADATA + "occluded");
            assertEquals(0.5, occluded[0]);
            assertTrue(Double.isNaN(occluded[1]));
            assertEquals(0.1, occluded[2]);
            // both person boxes of the bus, selected with a lasso, are one image in the gallery
            double[] area = box.numeric(PointTables.RELATIVE_AREA);
            PlotRegion lasso = new PlotRegion(new double[]{0, 0.1, 0.12, -0.01}, new double[]{-1, -1, 20, 20});
            assertTrue(area[0] < 0.1 && area[1] < 0.1 && area[2] > 0.1, Arrays.toString(area));
            int[] chosen = ExploreViewModel.select(box, PointTables.RELATIVE_AREA, PointTables.GRAY_ENTROPY, lasso);
            assertArrayEquals(new int[]{0, 1}, chosen);
            assertArrayEquals(new long[]{bus}, box.imagesOf(chosen));

            Path csv = tmp.resolve("points.csv");
            assertEquals(2, box.writeCsv(csv, chosen));
            List<String> lines = Files.readAllLines(csv);
            assertTrue(lines.get(0).startsWith("image_id,box_id,relative area,"), lines.get(0));
            assertTrue(lines.get(1).startsWith(bus + "," + boxes[0] + ","), lines.get(1));
            assertTrue(lines.get(1).endsWith(",person,accepted,human,gt,"), lines.get(1));
        }
    }

    @Test
    void aLassoSelectsByShapeNotByBoundingRectangle() {
        // an L-shaped region: its bounding rectangle holds (3, 3), the region does not
        PlotRegion l = new PlotRegion(new double[]{0, 4, 4, 1, 1, 0}, new double[]{0, 0, 1, 1, 4, 4});
        assertTrue(l.contains(2, 0.5));
        assertTrue(l.contains(0.5, 3));
        assertFalse(l.contains(3, 3));
        assertFalse(l.contains(Double.NaN, 0.5));
        assertTrue(PlotRegion.rectangle(2, 2, 0, 0).contains(2, 1), "a rectangle's border is inside");
    }

    private static long id(List<ImageItem> items, String name) {
        return items.stream().filter(i -> i.fileName().equals(name)).findFirst().orElseThrow().id();
    }
}
