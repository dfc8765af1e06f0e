package dev.loupe.video;

/**
 * Which frames of a clip become images: every {@code every}-th, or (when {@code perSecond} is positive) about that
 * many per second of the clip.
 */
public record FrameSampling(int every, double perSecond) {
    public FrameSampling {
        if (every < 1 || perSecond < 0) {
            throw new IllegalArgumentException("take every k-th frame (k >= 1) or a positive number per second");
        }
    }

    public static FrameSampling all() {
        return new FrameSampling(1, 0);
    }

    /** The step between frames taken, for a clip of this frame rate. */
    public int step(double fps) {
        return perSecond > 0 ? Math.max(1, (int) Math.round(fps / perSecond)) : every;
    }
}
