package dev.loupe.ui.review;

import dev.loupe.core.ImageItem;
import dev.loupe.media.ImageDecoder;
import dev.loupe.media.UnreadableImageException;
import dev.loupe.store.ImageBytes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Decodes review images on one background thread and keeps the last few, so the image before and after the
 * current one are ready when the reviewer moves on. A request left behind before its turn (the reviewer scrubbed on)
 * is dropped, so the decoder always works on what is shown now. A file that cannot be decoded fails its future with
 * the reason.
 */
final class ImagePrefetcher implements AutoCloseable {
    private static final int KEEP = 3;

    private final ExecutorService decoder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "loupe-review-decode");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, CompletableFuture<ImagePyramid>> recent = new LinkedHashMap<>();
    private final ImageBytes images;

    ImagePrefetcher(ImageBytes images) {
        this.images = images;
    }

    synchronized CompletableFuture<ImagePyramid> load(ImageItem im) {
        CompletableFuture<ImagePyramid> f = recent.remove(im.id());
        if (f == null) {
            CompletableFuture<ImagePyramid> decoded = new CompletableFuture<>();
            decoder.execute(() -> {
                if (!wanted(im.id(), decoded)) {
                    decoded.cancel(false); // asked for and left behind (scrubbing a clip): not worth decoding now
                    return;
                }
                try {
                    decoded.complete(ImagePyramid.of(ImageDecoder.decode(images, im)));
                } catch (UnreadableImageException e) {
                    decoded.completeExceptionally(e);
                }
            });
            f = decoded;
        }
        recent.put(im.id(), f);
        while (recent.size() > KEEP) {
            recent.remove(recent.keySet().iterator().next());
        }
        return f;
    }

    private synchronized boolean wanted(long id, CompletableFuture<ImagePyramid> f) {
        return recent.get(id) == f;
    }

    @Override
    public void close() {
        decoder.shutdownNow();
    }
}
