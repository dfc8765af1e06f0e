package dev.loupe.consensus;

/**
 * How boxes of several annotators are brought together.
 *
 * @param iouThreshold boxes overlapping at least this much can be the same object (0.5 by default)
 * @param quorum       how many annotators must have found an object for it to enter the merged truth
 * @param fusion       how a group's boxes become one
 */
public record ConsensusConfig(double iouThreshold, int quorum, Fusion fusion) {
    public static final double DEFAULT_IOU = 0.5;
    public static final int DEFAULT_QUORUM = 2;

    public ConsensusConfig {
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("IoU threshold must be within (0, 1], was " + iouThreshold);
        }
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be at least 1, was " + quorum);
        }
        if (fusion == null) {
            throw new IllegalArgumentException("fusion must be mean or wbf");
        }
    }

    /** How a group's boxes become one box. */
    public enum Fusion {
        /** Corners averaged. */
        MEAN,
        /** Corners averaged weighted by each box's score (weighted box fusion; a person's box weighs 1). */
        WBF
    }
}
