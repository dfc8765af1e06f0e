package dev.loupe.core;

/**
 * Which images of a dataset to show: those with at least one box matching every non-null criterion.
 * All criteria null means every image of the dataset.
 */
public record ImageFilter(long datasetId, ReviewStatus status, Long labelId, Source source) {

    public static ImageFilter all(long datasetId) {
        return new ImageFilter(datasetId, null, null, null);
    }

    public boolean filtersBoxes() {
        return status != null || labelId != null || source != null;
    }
}
