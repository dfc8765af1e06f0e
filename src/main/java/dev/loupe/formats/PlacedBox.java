package dev.loupe.formats;

import dev.loupe.core.ImageItem;

/**
 * A box from a file, matched to its dataset image and placed inside it, in pixels. Score NaN when none; area the
 * object's own area when the file gives one, NaN otherwise; flags as the file gave them.
 */
public record PlacedBox(ImageItem image, String label, double x, double y, double w, double h, double score,
                        boolean crowd, double area, int flags) {
}
