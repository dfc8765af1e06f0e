package dev.loupe.video;

/**
 * How detections are linked into tracks.
 *
 * @param highScore   detections at least this sure start tracks and are matched first
 * @param lowScore    detections between this and highScore only continue tracks (a second pass, as ByteTrack does)
 * @param matchIou    least overlap of a track's predicted box and a detection to link them
 * @param minHits     frames a new track must be seen on before it counts
 * @param maxMissed   frames a track may go unseen before it ends
 * @param tolerancePx key frames are kept where interpolation would miss the tracked box by more than this
 */
public record TrackerConfig(double highScore, double lowScore, double matchIou, int minHits, int maxMissed,
                            double tolerancePx) {
    public static TrackerConfig defaults() {
        return new TrackerConfig(0.5, 0.1, 0.3, 3, 30, 4);
    }

    public TrackerConfig {
        if (!(lowScore > 0 && lowScore <= highScore && highScore <= 1)) {
            throw new IllegalArgumentException("scores must satisfy 0 < low <= high <= 1, were " + lowScore + ", "
                    + highScore);
        }
        if (!(matchIou > 0 && matchIou < 1) || minHits < 1 || maxMissed < 0 || tolerancePx < 0) {
            throw new IllegalArgumentException("tracker settings out of range");
        }
    }
}
