package dev.loupe.store;

import dev.loupe.core.ImageItem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A team project's images: on its server unless its admin chose a shared folder. Fetched bytes land in this desktop's
 * cache under their content hash, checked against it, and are read from there afterwards; a file appears there only
 * complete, so several threads may ask for one image at once.
 */
final class ServerImageBytes implements ImageBytes {
    private final Database db;
    private final String project;
    private final Path cache;
    private volatile Boolean onServer;

    ServerImageBytes(Database db, String project, Path cache) {
        this.db = db;
        this.project = project;
        this.cache = cache;
    }

    @Override
    public boolean onServer() {
        Boolean known = onServer;
        if (known == null) {
            known = db.read(ServerImages::onServer);
            onServer = known;
        }
        return known;
    }

    void choose(boolean keepOnServer) {
        db.change(c -> ServerImages.choose(c, keepOnServer, project));
        onServer = keepOnServer;
    }

    @Override
    public Path file(ImageItem image) throws IOException {
        if (!onServer()) {
            return Path.of(image.path());
        }
        String hash = image.contentHash();
        Path target = ServerImages.fileIn(cache, hash, image.fileName());
        if (Files.isRegularFile(target)) {
            return target;
        }
        if (!unwrapped(() -> db.read(c -> ServerImages.fetch(c, hash, target)))) {
            throw new IOException(image.path() + ": the server of " + project + " has no bytes for it");
        }
        return target;
    }

    @Override
    public void upload(String contentHash, InputStream bytes) throws IOException {
        if (onServer()) {
            unwrapped(() -> {
                db.change(c -> ServerImages.upload(c, contentHash, bytes));
                return null;
            });
        }
    }

    @Override
    public Optional<byte[]> thumbnail(String contentHash, int maxSidePx) {
        return onServer() ? db.read(c -> ServerImages.thumbnail(c, contentHash, maxSidePx)) : Optional.empty();
    }

    @Override
    public void saveThumbnail(String contentHash, int maxSidePx, byte[] jpeg) {
        if (onServer()) {
            db.change(c -> ServerImages.saveThumbnail(c, contentHash, maxSidePx, jpeg));
        }
    }

    /** Work whose stream failures travel through the SQL layer as unchecked, given back as the IOException they were. */
    private interface StreamWork<T> {
        T run();
    }

    private static <T> T unwrapped(StreamWork<T> work) throws IOException {
        try {
            return work.run();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
