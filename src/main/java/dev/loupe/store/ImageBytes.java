package dev.loupe.store;

import dev.loupe.core.ImageItem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the bytes of a project's images are read from. A local project, and a team project whose images stay in a
 * shared folder, read each image at the path it was imported from. A team project that keeps its images on its
 * server streams an image into this desktop's cache the first time it is needed, and keeps previews there too.
 */
public interface ImageBytes {
    /** Images read at the paths they were imported from. */
    ImageBytes IN_PLACE = new ImageBytes() {
        @Override
        public boolean onServer() {
            return false;
        }

        @Override
        public Path file(ImageItem image) {
            return Path.of(image.path());
        }

        @Override
        public void upload(String contentHash, InputStream bytes) {
            // the file stays where it is
        }

        @Override
        public Optional<byte[]> thumbnail(String contentHash, int maxSidePx) {
            return Optional.empty();
        }

        @Override
        public void saveThumbnail(String contentHash, int maxSidePx, byte[] jpeg) {
            // previews stay in this desktop's cache
        }
    };

    /** Whether the images are kept on a team project's server (else read where they were imported from). */
    boolean onServer();

    /** A file on this computer holding the image's bytes, fetched first if it must be. */
    Path file(ImageItem image) throws IOException;

    /** Stores an image's bytes under their content hash, unless they are stored already; read to the end. */
    void upload(String contentHash, InputStream bytes) throws IOException;

    /** A stored preview of at most {@code maxSidePx} (JPEG), if someone made it. */
    Optional<byte[]> thumbnail(String contentHash, int maxSidePx);

    /** Stores a preview for every desktop; one already there stays. */
    void saveThumbnail(String contentHash, int maxSidePx, byte[] jpeg);
}
