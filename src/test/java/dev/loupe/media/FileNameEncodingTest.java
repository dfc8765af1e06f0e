package dev.loupe.media;

import dev.loupe.jobs.JobContext;
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

/**
 * A file whose name is not valid text in the file-name encoding (a Latin-1 'é' on a UTF-8 system) is refused at
 * import with its reason: stored lossily, metrics said "file not found" and exports aborted.
 */
class FileNameEncodingTest {
    @TempDir
    Path tmp;

    @Test
    void aNameThatCannotBeOpenedAgainIsRefusedAndTheRestImported() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("in"));
        Files.copy(SharedData.photos().resolve("dog.jpg"), folder.resolve("dog.jpg"));
        // the name's bytes are written by the shell: Java cannot make a name that is not valid in its encoding
        Process cp = new ProcessBuilder("bash", "-c", "cp \"$0\" \"$1\"$'lat\\xe9in.jpg'",
                SharedData.photos().resolve("horses.jpg").toString(), folder + "/").inheritIO().start();
        assertEquals(0, cp.waitFor());
        try (var files = Files.list(folder)) {
            assertEquals(2, files.count());
        }
        try (Project p = Project.create(tmp.resolve("p"))) {
            ImportReport r = new ImportImagesJob(p.store(), "d", ImportSources.fromFolder(folder),
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
            assertEquals(1, r.imported(), r.toString());
            assertEquals(1, r.skipped().size(), r.toString());
            assertTrue(r.skipped().get(0).reason().contains("rename the file"), r.skipped().get(0).reason());
            List<String> names = p.store().imagePage(dev.loupe.core.ImageFilter.all(1), 0, 10).stream()
                    .map(dev.loupe.core.ImageItem::fileName).toList();
            assertEquals(List.of("dog.jpg"), names);
        }
    }
}
