package dev.loupe.media;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.NewImage;
import dev.loupe.jobs.JobContext;
import dev.loupe.store.SqlProjectStore;
import dev.loupe.store.StoreException;
import dev.loupe.testing.PostgresServer;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A team project keeps its images on its server: imported on one desktop, read on another that never saw the files,
 * in chunks, checked on arrival, with previews shared; only admins store image bytes.
 */
class TeamImagesTest {
    @TempDir
    Path tmp;
    private PostgresServer server;
    private String admin;

    @BeforeEach
    void server() throws SQLException {
        server = PostgresServer.freshDatabase();
        admin = server.login("loupe_admin");
        server.grantSchema(admin);
    }

    @AfterEach
    void drop() throws SQLException {
        server.close();
    }

    private SqlProjectStore desktop(String role, String name) {
        return SqlProjectStore.onServer(server.jdbcUrl(), role, role, tmp.resolve(name + "-outbox.jsonl"),
                tmp.resolve(name + "-images"));
    }

    /** Copies of two shared photos and a noisy PNG of several mebibytes, in a folder only the importing desktop has. */
    private List<Path> importersFiles() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("importer-only"));
        Path bus = Files.copy(SharedData.photos().resolve("bus.jpg"), folder.resolve("bus.jpg"));
        Path dog = Files.copy(SharedData.photos().resolve("dog.jpg"), folder.resolve("dog.jpg"));
        BufferedImage noise = new BufferedImage(1400, 1000, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < noise.getHeight(); y++) {
            for (int x = 0; x < noise.getWidth(); x++) {
                noise.setRGB(x, y, random.nextInt());
            }
        }
        Path big = folder.resolve("noise.png");
        ImageIO.write(noise, "png", big.toFile());
        assertTrue(Files.size(big) > 3 << 20, "the PNG spans several chunks: " + Files.size(big));
        return List.of(bus, dog, big);
    }

    @Test
    void imagesImportedOnOneDesktopAreReadOnAnotherThatNeverSawTheFiles() throws Exception {
        List<Path> files = importersFiles();
        try (SqlProjectStore importer = desktop(admin, "importer")) {
            assertTrue(importer.imageBytes().onServer(), "a new team project keeps its images on its server");
            ImportReport report = new ImportImagesJob(importer, "dev", ImportSources.fromArguments(files.stream().map(Path::toString).toList()),
                    new UrlFetcher(tmp.resolve("downloads"), Duration.ofSeconds(1))).run(JobContext.silent());
            assertEquals(3, report.imported(), report.skipped().toString());
        }
        byte[][] originals = new byte[files.size()][];
        for (int i = 0; i < files.size(); i++) {
            originals[i] = Files.readAllBytes(files.get(i));
            Files.delete(files.get(i)); // gone from this computer: only the server has them now
        }
        String annotator = server.login("loupe_annotator");
        try (SqlProjectStore other = desktop(annotator, "annotator")) {
            List<ImageItem> images = other.imagePage(ImageFilter.all(other.requireDataset("dev").id()), 0, 10);
            assertEquals(3, images.size());
            for (ImageItem image : images) {
                Path fetched = other.imageBytes().file(image);
                assertTrue(fetched.startsWith(tmp.resolve("annotator-images")), fetched.toString());
                int i = files.stream().map(f -> f.getFileName().toString()).toList().indexOf(image.fileName());
                assertArrayEquals(originals[i], Files.readAllBytes(fetched), image.fileName());
                BufferedImage decoded = ImageDecoder.decode(other.imageBytes(), image);
                assertEquals(image.widthPx(), decoded.getWidth());
            }
        }
        try (Connection c = server.asAdmin(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT max(chunks), max(byte_size) FROM image_blobs")) {
            rs.next();
            assertTrue(rs.getInt(1) >= 4, "the large image went in chunks of at most a mebibyte: " + rs.getInt(1));
        }
    }

    @Test
    void aPreviewMadeOnOneDesktopIsTakenFromTheServerByTheNext() throws Exception {
        List<Path> files = importersFiles().subList(0, 1);
        try (SqlProjectStore importer = desktop(admin, "importer")) {
            new ImportImagesJob(importer, "dev", ImportSources.fromArguments(files.stream().map(Path::toString).toList()),
                    new UrlFetcher(tmp.resolve("downloads"), Duration.ofSeconds(1))).run(JobContext.silent());
            ImageItem bus = importer.images(importer.imageIds(ImageFilter.all(1))).get(0);
            new ThumbnailCache(tmp.resolve("importer-thumbs"), 128, importer.imageBytes()).thumbnail(bus);
        }
        String reviewer = server.login("loupe_reviewer");
        try (SqlProjectStore other = desktop(reviewer, "reviewer")) {
            ImageItem bus = other.images(other.imageIds(ImageFilter.all(1))).get(0);
            Path thumb = new ThumbnailCache(tmp.resolve("reviewer-thumbs"), 128, other.imageBytes()).thumbnail(bus);
            Path importers = tmp.resolve("importer-thumbs").resolve(tmp.resolve("reviewer-thumbs").relativize(thumb));
            assertArrayEquals(Files.readAllBytes(importers), Files.readAllBytes(thumb));
            assertFalse(Files.exists(tmp.resolve("reviewer-images")), "the preview came whole from the server: "
                    + "the image itself was never fetched");
        }
    }

    @Test
    void theServerRefusesAnImageWithoutItsBytesAndAnAnnotatorsUpload() throws Exception {
        try (SqlProjectStore store = desktop(admin, "admin")) {
            long ds = store.createDataset("dev").id();
            StoreException e = assertThrows(StoreException.class, () -> store.addImages(ds,
                    List.of(new NewImage("/elsewhere/a.jpg", null, "a.jpg", 10, 10, 1, "a".repeat(64), 1))));
            assertTrue(e.getMessage().contains("/elsewhere/a.jpg"), e.getMessage());
            assertEquals(0, store.countImages(ImageFilter.all(ds)));
        }
        String annotator = server.login("loupe_annotator");
        try (Connection c = server.as(annotator); Statement st = c.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> st.execute(
                    "INSERT INTO image_chunks (content_hash, seq, data) VALUES ('x', 0, '\\x00')"));
            assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
        }
    }

    @Test
    void bytesChangedOnTheServerAreRefusedOnArrivalAndTheChoiceIsFixedOnceImagesAreIn() throws Exception {
        List<Path> files = importersFiles().subList(1, 2);
        try (SqlProjectStore importer = desktop(admin, "importer")) {
            new ImportImagesJob(importer, "dev", ImportSources.fromArguments(files.stream().map(Path::toString).toList()),
                    new UrlFetcher(tmp.resolve("downloads"), Duration.ofSeconds(1))).run(JobContext.silent());
            StoreException fixed = assertThrows(StoreException.class, () -> importer.keepImagesOnServer(false));
            assertTrue(fixed.getMessage().contains("before the first import"), fixed.getMessage());
        }
        try (Connection c = server.asAdmin(); Statement st = c.createStatement()) {
            st.execute("UPDATE image_chunks SET data = overlay(data PLACING '\\xff'::bytea FROM 100)");
        }
        try (SqlProjectStore other = desktop(admin, "other")) {
            ImageItem dog = other.images(other.imageIds(ImageFilter.all(1))).get(0);
            UnreadableImageException e = assertThrows(UnreadableImageException.class,
                    () -> ImageDecoder.decode(other.imageBytes(), dog));
            assertTrue(e.getMessage().contains("do not match"), e.getMessage());
            try (var cached = Files.walk(tmp.resolve("other-images"))) {
                assertEquals(0, cached.filter(Files::isRegularFile).count(), "nothing half-checked is left in the cache");
            }
        }
    }
}
