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
}
