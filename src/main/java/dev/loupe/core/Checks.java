package dev.loupe.core;

/** Validation shared by the records that describe the same thing before and after it is stored. */
final class Checks {

    private Checks() {
    }

    static void requireValidBox(double x, double y, double w, double h) {
        if (!(w > 0) || !(h > 0) || !Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(w)
                || !Double.isFinite(h)) {
            throw new IllegalArgumentException("box needs finite coordinates and a positive size: "
                    + x + "," + y + " " + w + "x" + h);
        }
    }

    static void requirePositiveSize(int widthPx, int heightPx) {
        if (widthPx <= 0 || heightPx <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + widthPx + "x" + heightPx);
        }
    }
}
