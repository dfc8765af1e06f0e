package dev.loupe.media;

import dev.loupe.core.ImageItem;
import dev.loupe.store.ImageBytes;
import dev.loupe.testing.SharedData;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThumbnailCacheTest {
    @TempDir
    Path tmp;

    private static ImageItem item(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        ImageInfo info = ImageProbe.probe(bytes);
        return new ImageItem(1, 1, file.toString(), null, file.getFileName().toString(), info.widthPx(),
                info.heightPx(), info.orientation(), ImportImagesJob.sha256(bytes), bytes.length, Instant.now());
    }

    @Test
    void makesASmallOrientedThumbnailOnceAndKeepsItByContentHash() throws Exception {
        Path png = tmp.resolve("rot.png");
        Files.write(png, TestImages.pngWithOrientation(600, 300, 6));
        ImageItem image = item(png);
        ThumbnailCache cache = new ThumbnailCache(tmp.resolve("thumbs"), 128, ImageBytes.IN_PLACE);

        Path thumb = cache.thumbnail(image);
        assertTrue(thumb.getFileName().toString().startsWith(image.contentHash()));
        BufferedImage t = ImageIO.read(thumb.toFile());
        assertEquals(64, t.getWidth(), "display is 300x600 after rotation, so 64x128");
        assertEquals(128, t.getHeight());
        int topRight = t.getRGB(t.getWidth() - 3, 2);
        assertTrue(((topRight >> 16) & 0xFF) > 180 && (topRight & 0xFF) < 90, "the stored top-left (red) is now top-right");

        long modified = Files.getLastModifiedTime(thumb).toMillis();
        Thread.sleep(20);
        assertEquals(thumb, cache.thumbnail(image));
        assertEquals(modified, Files.getLastModifiedTime(thumb).toMillis(), "served from the cache, not remade");
    }

    @Test
    void largePhotosAreSubsampledToTheThumbnailSize() throws Exception {
        ImageItem street = item(SharedData.photos().resolve("kite.jpg"));
        ThumbnailCache cache = new ThumbnailCache(tmp.resolve("thumbs"), ThumbnailCache.DEFAULT_MAX_SIDE_PX, ImageBytes.IN_PLACE);
        BufferedImage t = ImageIO.read(cache.thumbnail(street).toFile());
        assertEquals(ThumbnailCache.DEFAULT_MAX_SIDE_PX, Math.max(t.getWidth(), t.getHeight()));
        double aspect = (double) street.widthPx() / street.heightPx();
        assertEquals(aspect, (double) t.getWidth() / t.getHeight(), 0.02);
    }
}
