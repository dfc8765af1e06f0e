package dev.loupe.media;

import com.sun.net.httpserver.HttpServer;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.formats.AnnotationFormats;
import dev.loupe.formats.ExportAnnotationsJob;
import dev.loupe.formats.ExportRequest;
import dev.loupe.formats.WriteOptions;
import dev.loupe.jobs.JobContext;
import dev.loupe.jobs.JobProblem;
import dev.loupe.project.Project;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * URL imports from a local server: a last segment of %2e%2e is stored under a plain name (it was stored as '..'
 * and broke every export), a download past the cap is stopped, and a download that is no image leaves the cache.
 */
class UrlImportSafetyTest {
    @TempDir
    Path tmp;

    @Test
    void urlNamesAreSafeDownloadsAreCappedAndRejectedOnesDeleted() throws Exception {
        byte[] photo = Files.readAllBytes(SharedData.photos().resolve("dog.jpg"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/photos/", ex -> {
            ex.sendResponseHeaders(200, photo.length);
            ex.getResponseBody().write(photo);
            ex.close();
        });
        server.createContext("/big.jpg", ex -> {
            ex.sendResponseHeaders(200, 3 << 20);
            ex.getResponseBody().write(new byte[3 << 20]);
            ex.close();
        });
        server.createContext("/junk.jpg", ex -> {
            byte[] junk = "no image here".repeat(100).getBytes();
            ex.sendResponseHeaders(200, junk.length);
            ex.getResponseBody().write(junk);
            ex.close();
        });
        server.start();
        try (Project p = Project.create(tmp.resolve("p"))) {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Path list = tmp.resolve("urls.txt");
            Files.writeString(list, base + "/photos/%2e%2e\n" + base + "/big.jpg\n" + base + "/junk.jpg\n");
            Path downloads = p.cacheDir("downloads");
            ImportReport r = new ImportImagesJob(p.store(), "web", ImportSources.fromListFile(list),
                    new UrlFetcher(downloads, Duration.ofMillis(10), 1 << 20)).run(JobContext.silent());
            assertEquals(1, r.imported(), r.toString());
            ImageItem stored = p.store().imagePage(ImageFilter.all(p.store().findDataset("web").orElseThrow().id()),
                    0, 10).get(0);
            assertTrue(!stored.fileName().equals("..") && !stored.fileName().equals("."), stored.fileName());
            JobProblem big = r.skipped().stream().filter(x -> x.item().endsWith("big.jpg")).findFirst().orElseThrow();
            assertTrue(big.reason().contains("larger than the 1 MB"), big.reason());
            try (var files = Files.list(downloads)) {
                List<String> left = files.map(f -> f.getFileName().toString()).toList();
                assertEquals(1, left.size(), "only the image stays in the cache: " + left);
            }
            var exported = new ExportAnnotationsJob(p.store(), new ExportRequest("web", AnnotationFormats.byName("kitti"),
                    tmp.resolve("out"), null, null, null, null, null, WriteOptions.ImageFiles.COPY))
                    .run(JobContext.silent());
            assertEquals(1, exported.images(), "the dataset still exports");
        } finally {
            server.stop(0);
        }
        assertEquals("example.org-image", ImportSources.nameOf(URI.create("https://example.org/a/%2e")));
        assertEquals("x_y.jpg", ImportSources.nameOf(URI.create("https://example.org/x%5Cy.jpg")));
    }
}
