package dev.loupe.train;

import ai.djl.training.tracker.Tracker;

/**
 * TAO's soft-start cosine annealing: the learning rate rises from min to max over the first {@code softStart}
 * of all steps (half a cosine, so it starts and arrives gently), then falls back to min along a cosine.
 */
final class SoftStartCosine implements Tracker {
    private final double min;
    private final double max;
    private final double softStart;
    private final int totalSteps;

    SoftStartCosine(double min, double max, double softStart, int totalSteps) {
        this.min = min;
        this.max = max;
        this.softStart = softStart;
        this.totalSteps = Math.max(1, totalSteps);
    }

    /** The rate at update {@code step} (1-based, as DJL's optimisers count). */
    @Override
    public float getNewValue(int step) {
        double t = Math.min(1, Math.max(0, (step - 1) / (double) totalSteps));
        double phase;
        if (softStart > 0 && t < softStart) {
            phase = 0.5 * (1 - Math.cos(Math.PI * t / softStart)); // 0 -> 1
        } else {
            double u = softStart >= 1 ? 1 : (t - softStart) / (1 - softStart);
            phase = 0.5 * (1 + Math.cos(Math.PI * u)); // 1 -> 0
        }
        return (float) (min + (max - min) * phase);
    }
}
