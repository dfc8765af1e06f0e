package dev.loupe.core;

/**
 * Which images of a dataset to show: those with at least one box matching every non-null criterion.
 * All criteria null means every image of the dataset.
 *
 * @param clipsAsOne each clip stands as its first imported frame (the gallery's one tile per clip)
 */
public record ImageFilter(long datasetId, ReviewStatus status, Long labelId, Source source, boolean clipsAsOne) {

    /** Every image, frames included one by one. */
    public ImageFilter(long datasetId, ReviewStatus status, Long labelId, Source source) {
        this(datasetId, status, labelId, source, false);
    }

    public static ImageFilter all(long datasetId) {
        return new ImageFilter(datasetId, null, null, null);
    }

    /** The same filter with each clip as one image. */
    public ImageFilter withClipsAsOne() {
        return new ImageFilter(datasetId, status, labelId, source, true);
    }

    public boolean filtersBoxes() {
        return status != null || labelId != null || source != null;
    }
}
