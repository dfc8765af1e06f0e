package dev.loupe.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** A benchmark's work folder: the one asked for (kept afterwards), or a new temporary one deleted when it closes. */
final class BenchFolder implements AutoCloseable {
    private final Path path;
    private final boolean temporary;

    private BenchFolder(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** {@code asked}: the folder given with --dir, or null for a temporary one named after the benchmark. */
    static BenchFolder of(Path asked, String bench) throws Exception {
        return asked != null ? new BenchFolder(asked, false)
                : new BenchFolder(Files.createTempDirectory("loupe-bench-" + bench), true);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws Exception {
        if (temporary) {
            GalleryBench.deleteTree(path);
        }
    }
}
