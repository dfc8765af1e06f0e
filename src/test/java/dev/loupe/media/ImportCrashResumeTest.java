package dev.loupe.media;

import dev.loupe.core.ImageFilter;
import dev.loupe.jobs.JobContext;
import dev.loupe.project.Project;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kills a real {@code loupe import-images} process with SIGKILL mid-way, then checks and finishes the project. */
class ImportCrashResumeTest {
    private static final int IMAGES = 6000;

    @TempDir
    Path tmp;

    @Test
    void anImportKilledMidwayLeavesAConsistentProjectThatARerunCompletes() throws Exception {
        Path in = tmp.resolve("images");
        for (int i = 0; i < IMAGES; i++) {
            TestImages.writePng(TestImages.distinct(i, 16, 12), in.resolve("d" + (i % 10)).resolve(i + ".png"));
        }
        Path projectDir = tmp.resolve("proj");
        Project.create(projectDir).close();

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.loupe.Launcher",
                "import-images", projectDir.toString(), "--dataset", "crash", in.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        long atKill = waitForSomeImagesThenKill(child, projectDir.resolve(Project.DATABASE));
        assertTrue(atKill > 0 && atKill < IMAGES, "killed mid-way, with " + atKill + " images stored");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + projectDir.resolve(Project.DATABASE))) {
            assertEquals("ok", single(c, "PRAGMA integrity_check"));
            long stored = Long.parseLong(single(c, "SELECT count(*) FROM images"));
            assertEquals(0, stored % ImportImagesJob.BATCH, "only whole batches are stored: " + stored);
            assertEquals(single(c, "SELECT count(*) FROM images"), single(c, "SELECT count(DISTINCT content_hash) FROM images"));
        }

        try (Project p = Project.open(projectDir)) {
            List<ImportCandidate> candidates = ImportSources.fromFolder(in);
            ImportReport rerun = new ImportImagesJob(p.store(), "crash", candidates,
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
            assertTrue(rerun.alreadyImported() >= atKill, rerun.toString());
            assertEquals(IMAGES, rerun.alreadyImported() + rerun.imported(), rerun.toString());
            assertEquals(0, rerun.duplicates());
            long ds = p.store().findDataset("crash").orElseThrow().id();
            assertEquals(IMAGES, p.store().countImages(ImageFilter.all(ds)));
        }
    }

    private static long waitForSomeImagesThenKill(Process child, Path db) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            while (System.nanoTime() < deadline && child.isAlive()) {
                long n = countImages(db);
                if (n > 0) {
                    child.destroyForcibly();
                    child.waitFor();
                    return n;
                }
                Thread.sleep(5);
            }
            return child.isAlive() ? 0 : IMAGES;
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }

    private static long countImages(Path db) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            return Long.parseLong(single(c, "SELECT count(*) FROM images"));
        } catch (SQLException e) {
            return 0; // table not created yet or database busy: try again
        }
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
