package dev.loupe.project;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The project.loupe marker (what the installers associate with Loupe) and what a double-click passes. */
class ProjectMarkerTest {

    @TempDir
    Path tmp;

    @Test
    void newAndOldProjectsGetTheMarkerAndEitherPathNamesTheProject() throws Exception {
        Path folder = tmp.resolve("p");
        Project.create(folder).close();
        Path marker = folder.resolve(Project.MARKER);
        assertTrue(Files.isRegularFile(marker));
        assertEquals(Optional.of(folder), Project.named(marker));
        assertEquals(Optional.of(folder), Project.named(folder));

        Files.delete(marker); // a project made before the marker existed
        Project.open(folder).close();
        assertTrue(Files.isRegularFile(marker), "opening adds it");
    }

    @Test
    void otherPathsNameNoProject() throws Exception {
        Path stray = Files.writeString(tmp.resolve("stray.loupe"), "{}");
        assertEquals(Optional.empty(), Project.named(stray), "a .loupe file outside a project");
        assertEquals(Optional.empty(), Project.named(tmp), "a folder without loupe.db");
        assertEquals(Optional.empty(), Project.named(tmp.resolve("missing")));
    }
}
