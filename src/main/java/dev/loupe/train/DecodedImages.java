package dev.loupe.train;

import dev.loupe.core.ImageItem;
import dev.loupe.media.ImageDecoder;
import dev.loupe.store.ImageBytes;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Training images decoded once and kept for the following epochs, up to a pixel budget (least recently used
 * dropped first): a small set, the case retraining is for, is decoded once instead of every epoch. Augmentation
 * draws into a new image, so the kept ones are never changed.
 */
final class DecodedImages {
    /** About 600 MB of 3-byte pixels: a few hundred photos. */
    static final long PIXEL_BUDGET = 200_000_000L;

    private final long budget;
    private final ImageBytes images;
    private final Map<Long, BufferedImage> kept = new LinkedHashMap<>(16, 0.75f, true);
    private long pixels;

    DecodedImages(long budget, ImageBytes images) {
        this.budget = budget;
        this.images = images;
    }

    /** The image in display orientation, decoded now or earlier. */
    synchronized BufferedImage get(ImageItem image) throws Exception {
        BufferedImage img = kept.get(image.id());
        if (img == null) {
            img = ImageDecoder.decode(images, image);
            kept.put(image.id(), img);
            pixels += (long) img.getWidth() * img.getHeight();
            var eldest = kept.entrySet().iterator();
            while (pixels > budget && eldest.hasNext()) {
                BufferedImage dropped = eldest.next().getValue();
                pixels -= (long) dropped.getWidth() * dropped.getHeight();
                eldest.remove();
            }
        }
        return img;
    }
}
