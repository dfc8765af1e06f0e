package dev.loupe.core;

/**
 * Which boxes to list; null criteria match everything. Score bounds are inclusive; boxes without a score
 * never match a score bound.
 */
public record BoxQuery(Long datasetId, Long taskId, ReviewStatus status, Long labelId, Source source,
                       Double minScore, Double maxScore) {

    public static BoxQuery inDataset(long datasetId) {
        return new BoxQuery(datasetId, null, null, null, null, null, null);
    }

    public BoxQuery withSource(Source s) {
        return new BoxQuery(datasetId, taskId, status, labelId, s, minScore, maxScore);
    }

    public BoxQuery withLabel(Long id) {
        return new BoxQuery(datasetId, taskId, status, id, source, minScore, maxScore);
    }

    public BoxQuery withScoreRange(Double min, Double max) {
        return new BoxQuery(datasetId, taskId, status, labelId, source, min, max);
    }
}
