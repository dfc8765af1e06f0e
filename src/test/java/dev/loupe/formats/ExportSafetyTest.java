package dev.loupe.formats;

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
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An export never deletes or overwrites an imported image, and never gives two images one name. */
class ExportSafetyTest {
    @TempDir
    Path tmp;

    private void importFolder(Project p, String dataset, Path folder) throws Exception {
        new ImportImagesJob(p.store(), dataset, ImportSources.fromFolder(folder),
                new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
    }

    private static ExportReport export(Project p, String dataset, Path out) throws Exception {
        return new ExportAnnotationsJob(p.store(), new ExportRequest(dataset, AnnotationFormats.byName("kitti"), out,
                null, null, null, null, null, WriteOptions.ImageFiles.COPY)).run(JobContext.silent());
    }

    @Test
    void exportingIntoTheFolderThatHoldsTheImagesKeepsThem() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("ds/images"));
        for (String name : List.of("bus.jpg", "horses.jpg")) {
            Files.copy(SharedData.photos().resolve(name), images.resolve(name));
        }
        byte[] bus = Files.readAllBytes(images.resolve("bus.jpg"));
        try (Project p = Project.create(tmp.resolve("p"))) {
            importFolder(p, "d", images);
            ExportReport r = export(p, "d", tmp.resolve("ds"));
            assertEquals(2, r.images());
            assertArrayEquals(bus, Files.readAllBytes(images.resolve("bus.jpg")), "the original is untouched");
            assertTrue(Files.isRegularFile(images.resolve("horses.jpg")));
            assertTrue(Files.isRegularFile(tmp.resolve("ds/labels/bus.txt")));
        }
    }

    @Test
    void anImportedImageInTheExportFolderIsNeverReplacedByAnotherOfTheSameName() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("y"));
        Path inExport = Files.createDirectories(tmp.resolve("x/images"));
        Files.copy(SharedData.photos().resolve("bus.jpg"), elsewhere.resolve("a.jpg"));
        Files.copy(SharedData.photos().resolve("horses.jpg"), inExport.resolve("a.jpg"));
        byte[] horses = Files.readAllBytes(inExport.resolve("a.jpg"));
        try (Project p = Project.create(tmp.resolve("p"))) {
            importFolder(p, "d", elsewhere); // the bus comes first and would take the name a.jpg
            importFolder(p, "d", inExport);
            assertEquals(2, export(p, "d", tmp.resolve("x")).images());
            assertArrayEquals(horses, Files.readAllBytes(inExport.resolve("a.jpg")), "the imported horses stay");
            try (var files = Files.list(inExport)) {
                assertEquals(2, files.count(), "the bus was copied under a name of its own");
            }
        }
    }

    @Test
    void namesThatLookLikeTheFallbackStayDistinct() throws Exception {
        Path out = tmp.resolve("out");
        List<ImageItem> images = List.of(image(1, "a.jpg"), image(2, "a_8.jpg"), image(8, "a.png"));
        try (AnnotationWriter w = AnnotationFormats.byName("kitti").writer(out,
                new WriteOptions(List.of("a", "b", "c"), WriteOptions.ImageFiles.NONE))) {
            String[] labels = {"a", "b", "c"};
            for (int i = 0; i < images.size(); i++) {
                w.write(images.get(i), List.of(new ExportBox(labels[i], 1, 1, 5, 5, Double.NaN, false)));
            }
        }
        try (var files = Files.list(out.resolve("labels"))) {
            List<String> contents = files.map(f -> {
                try {
                    return Files.readString(f).split(" ")[0];
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
            assertEquals(List.of("a", "b", "c"), contents, "three label files, one per image: " + Arrays.toString(
                    out.resolve("labels").toFile().list()));
        }
    }

    private static ImageItem image(long id, String name) {
        return new ImageItem(id, 1, "/nowhere/" + name, null, name, 10, 10, 1, "h" + id, 1, Instant.EPOCH);
    }
}
