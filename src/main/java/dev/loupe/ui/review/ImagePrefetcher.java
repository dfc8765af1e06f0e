package dev.loupe.ui.review;

import dev.loupe.core.ImageItem;
import dev.loupe.media.ImageDecoder;
import dev.loupe.store.ImageBytes;
import dev.loupe.video.FrameReader;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
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

    /** Decoding that may fail with the reason. */
    private interface Decode {
        BufferedImage run() throws Exception;
    }

    synchronized CompletableFuture<ImagePyramid> load(ImageItem im) {
        return request(im.id(), () -> ImageDecoder.decode(images, im));
    }

    /**
     * A quick stand-in for a clip's frame while its timeline is scrubbed: the key frame before it (one frame to
     * decode). Kept apart from the frame's own picture, which replaces it once the slider stops.
     */
    synchronized CompletableFuture<ImagePyramid> preview(ImageItem frame) {
        return request(-frame.id(), () -> FrameReader.keyFrameBefore(Path.of(frame.path()), frame.frameIndex()));
    }

    private CompletableFuture<ImagePyramid> request(long key, Decode decode) {
        CompletableFuture<ImagePyramid> f = recent.remove(key);
        if (f == null) {
            CompletableFuture<ImagePyramid> decoded = new CompletableFuture<>();
            decoder.execute(() -> {
                if (!wanted(key, decoded)) {
                    decoded.cancel(false); // asked for and left behind (scrubbing a clip): not worth decoding now
                    return;
                }
                try {
                    decoded.complete(ImagePyramid.of(decode.run()));
                } catch (Exception e) {
                    decoded.completeExceptionally(e);
                }
            });
            f = decoded;
        }
        recent.put(key, f);
        while (recent.size() > KEEP) {
            recent.remove(recent.keySet().iterator().next());
        }
        return f;
    }

    private synchronized boolean wanted(long key, CompletableFuture<ImagePyramid> f) {
        return recent.get(key) == f;
    }

    @Override
    public void close() {
        decoder.shutdownNow();
    }
}
