package dev.loupe.formats;

import dev.loupe.core.ImageItem;

import java.util.List;
import java.util.Locale;

/** Turns a parsed box into pixels on its image: clipped to the image with a warning, dropped when nothing is left. */
final class BoxClipper {

    private BoxClipper() {
    }

    static PlacedBox place(ParsedBox b, ImageItem im, List<String> warnings) {
        double sx = b.normalized() ? im.widthPx() : 1;
        double sy = b.normalized() ? im.heightPx() : 1;
        double x = b.x() * sx;
        double y = b.y() * sy;
        double w = b.w() * sx;
        double h = b.h() * sy;
        if (!(w > 0) || !(h > 0)) {
            warnings.add(String.format(Locale.ROOT, "%s: dropped: box of size %.2f x %.2f (expected a positive width "
                    + "and height)", b.where(), w, h));
            return null;
        }
        double x1 = Math.max(0, x);
        double y1 = Math.max(0, y);
        double x2 = Math.min(im.widthPx(), x + w);
        double y2 = Math.min(im.heightPx(), y + h);
        if (x2 - x1 < 1e-6 || y2 - y1 < 1e-6) {
            warnings.add(String.format(Locale.ROOT, "%s: dropped: box [%.1f, %.1f, %.1f, %.1f] lies outside the %dx%d image",
                    b.where(), x, y, w, h, im.widthPx(), im.heightPx()));
            return null;
        }
        // Rounding in files puts edges a hair outside the image; only a real overhang is worth a warning.
        if (x1 - x > 0.5 || y1 - y > 0.5 || x + w - x2 > 0.5 || y + h - y2 > 0.5) {
            warnings.add(String.format(Locale.ROOT, "%s: clipped to the %dx%d image: [%.1f, %.1f, %.1f, %.1f]",
                    b.where(), im.widthPx(), im.heightPx(), x, y, w, h));
        }
        return new PlacedBox(im, b.label(), x1, y1, x2 - x1, y2 - y1, b.score(), b.crowd(), b.area(), b.flags());
    }
}
