package dev.loupe.media;

import com.sun.net.httpserver.HttpServer;
import dev.loupe.core.Dataset;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.jobs.JobCancelledException;
import dev.loupe.jobs.JobContext;
import dev.loupe.jobs.JobProblem;
import dev.loupe.project.Project;
import dev.loupe.testing.SharedData;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportImagesJobTest {
    @TempDir
    Path tmp;

    private ImportReport importInto(Project p, String dataset, List<String> args) throws Exception {
        List<ImportCandidate> c = ImportSources.fromArguments(args);
        return new ImportImagesJob(p.store(), dataset, c,
                new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
    }

    @Test
    void importsEveryRealCocoAndPhotoImageOnceAndResumesWithoutRereading() throws Exception {
        try (Project p = Project.create(tmp.resolve("proj"))) {
            ImportReport coco = importInto(p, "dev", List.of(SharedData.cocoDev().toString()));
            assertEquals(306, coco.imported());
            assertEquals(List.of(), coco.skipped());
            ImportReport photos = importInto(p, "dev", List.of(SharedData.photos().toString()));
            assertEquals(6, photos.imported(), "bus, dog, horses, kite, person, street; coco.names is not an image");

            ImportReport again = importInto(p, "dev", List.of(SharedData.cocoDev().toString()));
            assertEquals(0, again.imported());
            assertEquals(306, again.alreadyImported());

            Dataset dev = p.store().findDataset("dev").orElseThrow();
            assertEquals(312, p.store().countImages(ImageFilter.all(dev.id())));
            ImageItem bus = p.store().imagePage(ImageFilter.all(dev.id()), 0, 400).stream()
                    .filter(i -> i.fileName().equals("bus.jpg")).findFirst().orElseThrow();
            assertEquals(810, bus.widthPx());
            assertEquals(1080, bus.heightPx());
            assertEquals(64, bus.contentHash().length());
            assertTrue(p.store().imagePage(ImageFilter.all(dev.id()), 0, 400).stream()
                    .anyMatch(i -> i.relativePath().equals("coco128-train/images/000000000009.jpg")));
        }
    }

    @Test
    void skipsBrokenFilesWithTheirReasonsAndKeepsTheGoodOnes() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        byte[] jpeg = Files.readAllBytes(SharedData.photos().resolve("dog.jpg"));
        Files.copy(SharedData.photos().resolve("person.jpg"), in.resolve("good.jpg"));
        Files.write(in.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3));
        byte[] corrupt = jpeg.clone();
        Arrays.fill(corrupt, 4, 400, (byte) 0x41);
        Files.write(in.resolve("corrupt.jpg"), corrupt);
        Files.write(in.resolve("empty.jpg"), new byte[0]);
        Files.writeString(in.resolve("notes.jpg"), "not a picture", StandardCharsets.UTF_8);
        Files.writeString(in.resolve("readme.txt"), "ignored: not an image name");
        Files.createDirectories(in.resolve("sub"));
        Files.write(in.resolve("sub/rotated.png"), TestImages.pngWithOrientation(120, 60, 6));
        Files.createSymbolicLink(in.resolve("dangling.jpg"), in.resolve("gone.jpg"));
        Files.copy(in.resolve("good.jpg"), in.resolve("sub/copy-of-good.jpg"), StandardCopyOption.COPY_ATTRIBUTES);
        Path locked = Files.write(in.resolve("locked.jpg"), jpeg);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        boolean canReadLocked = Files.isReadable(locked); // root reads anything

        try (Project p = Project.create(tmp.resolve("proj"))) {
            ImportReport r = importInto(p, "mixed", List.of(in.toString()));
            Map<String, String> reasons = r.skipped().stream().collect(Collectors.toMap(
                    s -> Path.of(s.item()).getFileName().toString(), JobProblem::reason));
            assertTrue(reasons.get("truncated.jpg").startsWith("truncated JPEG"), reasons.toString());
            assertTrue(reasons.get("corrupt.jpg").startsWith("corrupt JPEG"), reasons.toString());
            assertEquals("empty file (0 bytes)", reasons.get("empty.jpg"));
            assertTrue(reasons.get("notes.jpg").startsWith("not an image"), reasons.toString());
            assertTrue(reasons.get("dangling.jpg").startsWith("file not found"), reasons.toString());
            if (!canReadLocked) {
                assertTrue(reasons.get("locked.jpg").startsWith("permission denied"), reasons.toString());
            }
            assertEquals(1, r.duplicates(), "copy-of-good.jpg has the same content as good.jpg");
            assertEquals(canReadLocked ? 3 : 2, r.imported(), "good.jpg, sub/rotated.png (and locked.jpg as root)");
            assertEquals(canReadLocked ? 5 : 6, r.skipped().size());
            ImageItem rotated = p.store().imagePage(ImageFilter.all(p.store().findDataset("mixed").orElseThrow().id()),
                    0, 10).stream().filter(i -> i.fileName().equals("rotated.png")).findFirst().orElseThrow();
            assertEquals(6, rotated.orientation());
            assertEquals(60, rotated.widthPx());
            assertEquals(120, rotated.heightPx());
            assertEquals("sub/rotated.png", rotated.relativePath());
        }
    }

    @Test
    void downloadsUrlsWithRetriesAndReportsEachFailedOne() throws Exception {
        byte[] kite = Files.readAllBytes(SharedData.photos().resolve("kite.jpg"));
        AtomicInteger flakyCalls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/kite.jpg", ex -> {
            ex.sendResponseHeaders(200, kite.length);
            ex.getResponseBody().write(kite);
            ex.close();
        });
        server.createContext("/flaky.jpg", ex -> {
            if (flakyCalls.incrementAndGet() < 2) {
                ex.sendResponseHeaders(503, -1);
            } else {
                byte[] dog = Files.readAllBytes(SharedData.photos().resolve("dog.jpg"));
                ex.sendResponseHeaders(200, dog.length);
                ex.getResponseBody().write(dog);
            }
            ex.close();
        });
        server.createContext("/missing.jpg", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        try (Project p = Project.create(tmp.resolve("proj"))) {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Path list = tmp.resolve("urls.txt");
            Files.writeString(list, "# images to fetch\n" + base + "/kite.jpg\n\n" + base + "/flaky.jpg\n"
                    + base + "/missing.jpg\n");
            ImportReport r = new ImportImagesJob(p.store(), "web", ImportSources.fromListFile(list),
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
            assertEquals(2, r.imported());
            assertEquals(1, r.skipped().size());
            assertEquals(base + "/missing.jpg", r.skipped().get(0).item());
            assertTrue(r.skipped().get(0).reason().contains("HTTP 404"), r.skipped().get(0).reason());
            assertEquals(2, flakyCalls.get(), "one 503, then a successful retry");
            ImageItem k = p.store().imagePage(ImageFilter.all(p.store().findDataset("web").orElseThrow().id()), 0, 10)
                    .stream().filter(i -> (base + "/kite.jpg").equals(i.url())).findFirst().orElseThrow();
            assertTrue(k.path().startsWith(p.folder().resolve("cache/downloads").toString()), k.path());
            assertTrue(Files.isRegularFile(Path.of(k.path())));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aCancelledImportKeepsWhatItStoredAndARerunFinishesIt() throws Exception {
        Path in = tmp.resolve("many");
        for (int i = 0; i < 700; i++) {
            TestImages.writePng(TestImages.distinct(i, 16, 12), in.resolve("img" + i + ".png"));
        }
        try (Project p = Project.create(tmp.resolve("proj"))) {
            JobContext cancelAfterFirstBatch = dev.loupe.testing.Contexts.stopAfterReports(2);
            List<ImportCandidate> c = ImportSources.fromFolder(in);
            UrlFetcher fetcher = new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10));
            assertThrows(JobCancelledException.class,
                    () -> new ImportImagesJob(p.store(), "d", c, fetcher).run(cancelAfterFirstBatch));
            long dsId = p.store().findDataset("d").orElseThrow().id();
            assertEquals(ImportImagesJob.BATCH, p.store().countImages(ImageFilter.all(dsId)));

            ImportReport rest = new ImportImagesJob(p.store(), "d", c, fetcher).run(JobContext.silent());
            assertEquals(ImportImagesJob.BATCH, rest.alreadyImported());
            assertEquals(700 - ImportImagesJob.BATCH, rest.imported());
            assertEquals(700, p.store().countImages(ImageFilter.all(dsId)));
        }
    }

    @Test
    void urlsGetStableReadableCacheNames() {
        String a = UrlFetcher.fileNameFor(URI.create("https://example.org/a/b/photo%201.jpg?x=1"));
        assertEquals(a, UrlFetcher.fileNameFor(URI.create("https://example.org/a/b/photo%201.jpg?x=1")));
        assertTrue(a.endsWith("-photo_1.jpg"), a);
    }
}
