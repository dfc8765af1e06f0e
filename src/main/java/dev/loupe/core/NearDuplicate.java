package dev.loupe.core;

/**
 * Two images of one scene ({@code imageA < imageB}): {@code matched} points of one land where a single similarity map
 * (scale, rotation, shift, perhaps a mirror) puts them on the other.
 */
public record NearDuplicate(long imageA, long imageB, int matched) {
    public NearDuplicate {
        if (imageA >= imageB) {
            throw new IllegalArgumentException("a near-duplicate pair names the smaller image id first: " + imageA
                    + ", " + imageB);
        }
    }

    /** The pair in its stored order, whichever image comes first here. */
    public static NearDuplicate of(long one, long other, int matched) {
        return new NearDuplicate(Math.min(one, other), Math.max(one, other), matched);
    }
}
