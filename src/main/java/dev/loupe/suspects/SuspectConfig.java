package dev.loupe.suspects;

/**
 * Thresholds of the suspect finder.
 *
 * @param matchIou     a box and a prediction at least this close are one object
 * @param fitIou       below this, a matched box fits poorly
 * @param confident    predictions at least this sure count as the model's word (for missing and false boxes)
 * @param nearIou      a labelled box some prediction overlaps this much is not called false
 * @param duplicateIou two boxes of one label overlapping this much are one object drawn twice
 */
public record SuspectConfig(double matchIou, double fitIou, double confident, double nearIou, double duplicateIou) {
    public static SuspectConfig defaults() {
        return new SuspectConfig(0.5, 0.75, 0.5, 0.1, 0.7);
    }

    public SuspectConfig {
        for (double v : new double[]{matchIou, fitIou, confident, nearIou, duplicateIou}) {
            if (!(v > 0 && v <= 1)) {
                throw new IllegalArgumentException("suspect thresholds lie within (0, 1], got " + v);
            }
        }
    }
}
