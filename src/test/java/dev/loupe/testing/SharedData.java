package dev.loupe.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read-only shared data (real COCO images, photos, models): {@code $LOUPE_SHARED}, else {@code ../shared}
 * beside the project. Tests that need it skip with a clear reason when it is absent; CI always has it.
 */
public final class SharedData {
    public static final String VARIABLE = "LOUPE_SHARED";

    private SharedData() {
    }

    public static Path root() {
        String env = System.getenv(VARIABLE);
        Path root = env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared");
        Assumptions.assumeTrue(Files.isDirectory(root.resolve("data")),
                "shared data not found at " + root.toAbsolutePath() + ": set " + VARIABLE
                        + " to a folder holding data/coco-dev and data/photos (the COCO images are not downloadable "
                        + "as one file, so this test skips instead)");
        return root.toAbsolutePath().normalize();
    }

    public static Path cocoDev() {
        return root().resolve("data/coco-dev");
    }

    public static Path photos() {
        return root().resolve("data/photos");
    }
}
