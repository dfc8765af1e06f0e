package dev.loupe.train;

import dev.loupe.core.ImageItem;
import dev.loupe.store.ImageBytes;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A training image is decoded once while the budget holds it, and the least recently used goes first. */
class DecodedImagesTest {

    private static ImageItem photo(long id, String name) {
        Path p = SharedData.photos().resolve(name);
        return new ImageItem(id, 1, p.toString(), null, name, 1, 1, 1, "h" + id, 1, Instant.EPOCH);
    }

    @Test
    void keepsDecodedImagesWithinItsPixelBudget() throws Exception {
        ImageItem bus = photo(1, "bus.jpg");
        ImageItem horses = photo(2, "horses.jpg");
        BufferedImage first = new DecodedImages(Long.MAX_VALUE, ImageBytes.IN_PLACE).get(bus);
        long busPixels = (long) first.getWidth() * first.getHeight();

        DecodedImages roomy = new DecodedImages(10 * busPixels, ImageBytes.IN_PLACE);
        BufferedImage once = roomy.get(bus);
        assertSame(once, roomy.get(bus), "decoded once, then kept");
        assertEquals(810, once.getWidth(), "display orientation, full size");

        DecodedImages tight = new DecodedImages(busPixels, ImageBytes.IN_PLACE); // room for the bus alone
        BufferedImage kept = tight.get(bus);
        tight.get(horses);
        assertNotSame(kept, tight.get(bus), "the bus made way for the horses and is decoded again");
    }

    @Test
    void aVideoFrameIsATrainingImageLikeAPhoto() throws Exception {
        Path clip = SharedData.root().resolve("data/video/one-by-one-person-detection.mp4");
        ImageItem frame = new ImageItem(9, 1, clip.toString(), null, "walk/walk_000700.jpg", 768, 432, 1, "f700", 0,
                Instant.EPOCH, 1, 700);
        BufferedImage decoded = new DecodedImages(Long.MAX_VALUE, ImageBytes.IN_PLACE).get(frame);
        try (dev.loupe.video.VideoClip c = dev.loupe.video.VideoClip.open(clip)) {
            BufferedImage expected = c.frame(700);
            assertEquals(expected.getWidth(), decoded.getWidth());
            assertEquals(java.util.Arrays.hashCode(((java.awt.image.DataBufferByte) expected.getRaster()
                    .getDataBuffer()).getData()), java.util.Arrays.hashCode(((java.awt.image.DataBufferByte) decoded
                    .getRaster().getDataBuffer()).getData()), "the clip's frame 700, decoded from the clip");
        }
    }
}
