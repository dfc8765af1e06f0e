package dev.loupe.core;

/**
 * A track's box on one frame, in pixels; {@code outside} marks where the object has left the picture (the track is
 * hidden from that key frame until the next one that is not outside).
 */
public record KeyBox(int frame, double x, double y, double w, double h, boolean outside) {
    public KeyBox {
        if (frame < 0) {
            throw new IllegalArgumentException("frame must be 0 or more, was " + frame);
        }
        if (!outside && !(w > 0 && h > 0)) {
            throw new IllegalArgumentException("a box on frame " + frame + " needs a positive size, was " + w + " x " + h);
        }
    }

    public static KeyBox at(int frame, double x, double y, double w, double h) {
        return new KeyBox(frame, x, y, w, h, false);
    }

    /** Where the object left the picture. */
    public static KeyBox gone(int frame) {
        return new KeyBox(frame, 0, 0, 0, 0, true);
    }

    public KeyBox onFrame(int f) {
        return new KeyBox(f, x, y, w, h, outside);
    }
}
