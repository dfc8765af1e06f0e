package dev.loupe.review;

/**
 * Independent annotations: a share of the images (drawn with a seed) goes to {@code copies} people each instead of
 * one, so their boxes can be compared and merged.
 *
 * @param copies  people per overlapped image (1: no overlap)
 * @param percent the share of images overlapped, within (0, 100]
 */
public record Overlap(int copies, double percent, long seed) {
    public static final Overlap NONE = new Overlap(1, 100, 0);

    public Overlap {
        if (copies < 1) {
            throw new IllegalArgumentException("--overlap must be at least 1 person per image, was " + copies);
        }
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("the overlapped share must be within (0, 100] percent, was " + percent);
        }
    }
}
