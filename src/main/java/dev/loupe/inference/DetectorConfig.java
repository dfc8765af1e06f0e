package dev.loupe.inference;

/**
 * How to run a detector: thresholds, and how many engine sessions with how many threads each (one session
 * per worker thread; on two cores two single-threaded sessions beat one two-threaded session).
 */
public record DetectorConfig(double scoreThreshold, double nmsThreshold, int maxDetections, int sessions,
                             int threadsPerSession, java.util.Set<String> classes) {
    public DetectorConfig {
        classes = classes == null ? java.util.Set.of() : java.util.Set.copyOf(classes);
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("score threshold must be within 0..1, was " + scoreThreshold);
        }
        if (!(nmsThreshold > 0 && nmsThreshold <= 1)) {
            throw new IllegalArgumentException("NMS IoU threshold must be within (0, 1], was " + nmsThreshold);
        }
        if (maxDetections < 1 || sessions < 1 || threadsPerSession < 1) {
            throw new IllegalArgumentException("max detections, sessions and threads must be at least 1");
        }
    }

    /** All classes kept. */
    public DetectorConfig(double scoreThreshold, double nmsThreshold, int maxDetections, int sessions, int threadsPerSession) {
        this(scoreThreshold, nmsThreshold, maxDetections, sessions, threadsPerSession, null);
    }

    /** The descriptor's thresholds, and sessions × threads spread over this machine's cores. */
    public static DetectorConfig defaults(ModelDescriptor d) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new DetectorConfig(d.scoreThreshold(), d.nmsThreshold(), d.maxDetections(), Math.max(1, cores), 1);
    }

    public DetectorConfig withThresholds(Double score, Double nms, Integer max) {
        return new DetectorConfig(score == null ? scoreThreshold : score, nms == null ? nmsThreshold : nms,
                max == null ? maxDetections : max, sessions, threadsPerSession, classes);
    }

    public DetectorConfig withSessions(int count, int threads) {
        return new DetectorConfig(scoreThreshold, nmsThreshold, maxDetections, count, threads, classes);
    }

    /** Keeps only these classes, before NMS and the per-image limit (empty: all). */
    public DetectorConfig withClasses(java.util.Set<String> keep) {
        return new DetectorConfig(scoreThreshold, nmsThreshold, maxDetections, sessions, threadsPerSession, keep);
    }
}
