package dev.loupe.ui.review;

import dev.loupe.core.ImageItem;
import dev.loupe.media.UnreadableImageException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImagePrefetcherTest {

    @Test
    void aFileThatCannotBeDecodedFailsWithItsReason() {
        ImageItem gone = new ImageItem(1, 1, "/nonexistent/gone.jpg", null, "gone.jpg", 10, 10, 1, "0".repeat(64), 1,
                Instant.now());
        try (ImagePrefetcher prefetcher = new ImagePrefetcher(dev.loupe.store.ImageBytes.IN_PLACE)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> prefetcher.load(gone).get(10, TimeUnit.SECONDS));
            assertInstanceOf(UnreadableImageException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("/nonexistent/gone.jpg"), e.getCause().getMessage());
        }
    }

    @Test
    void requestsLeftBehindAreDroppedAndTheLatestAreDecoded() throws Exception {
        java.nio.file.Path bus = dev.loupe.testing.SharedData.photos().resolve("bus.jpg");
        try (ImagePrefetcher prefetcher = new ImagePrefetcher(dev.loupe.store.ImageBytes.IN_PLACE)) {
            java.util.List<java.util.concurrent.CompletableFuture<ImagePyramid>> asked = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) { // a scrub through twelve images faster than they decode
                asked.add(prefetcher.load(new ImageItem(i + 1, 1, bus.toString(), null, "bus.jpg", 810, 1080, 1,
                        Integer.toString(i), 1, Instant.now())));
            }
            asked.get(11).get(10, TimeUnit.SECONDS);
            asked.get(10).get(10, TimeUnit.SECONDS);
            long dropped = asked.stream().filter(java.util.concurrent.CompletableFuture::isCancelled).count();
            assertTrue(dropped >= 5, "most of those left behind were never decoded: " + dropped);
        }
    }
}
