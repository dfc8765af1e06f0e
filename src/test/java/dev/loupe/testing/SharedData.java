package dev.loupe.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The read-only shared data (real COCO images, photos, models): {@code $LOUPE_SHARED}, else {@code ../shared}
 * beside the project. Tests that need it skip with a clear reason when it is absent, except under CI
 * ({@code CI=true}), which always has it: there a missing folder fails the test, so no test is skipped unseen.
 */
public final class SharedData {
    public static final String VARIABLE = "LOUPE_SHARED";

    private SharedData() {
    }

    public static Path root() {
        return root(System.getenv());
    }

    static Path root(Map<String, String> env) {
        String configured = env.get(VARIABLE);
        Path root = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("..", "shared");
        Required.resource(Files.isDirectory(root.resolve("data")), "shared data not found at " + root.toAbsolutePath()
                + ": set " + VARIABLE + " to a folder holding data/coco-dev and data/photos (the COCO images are not "
                + "downloadable as one file, so this test skips instead)", env);
        return root.toAbsolutePath().normalize();
    }

    public static Path cocoDev() {
        return root().resolve("data/coco-dev");
    }

    /** The first {@code n} pictures, by file name, of a coco-dev subset (e.g. coco128-train). */
    public static List<Path> cocoDevPictures(String subset, int n) throws IOException {
        try (Stream<Path> s = Files.list(cocoDev().resolve(subset).resolve("images"))) {
            return s.sorted().limit(n).toList();
        }
    }

    public static Path photos() {
        return root().resolve("data/photos");
    }
}
