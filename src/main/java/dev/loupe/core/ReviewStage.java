package dev.loupe.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A review stage of a task: a sample of its images (a percentage, optionally only images with boxes of one
 * label, by one annotator, edited within a time range) that reviewers accept or reject image by image.
 */
public record ReviewStage(long id, long taskId, String name, double samplePercent, Long labelId, String annotator,
                          Instant since, Instant until, long seed, String createdBy, Instant createdAt) {
    public ReviewStage {
        Objects.requireNonNull(name, "name");
        if (!(samplePercent > 0 && samplePercent <= 100)) {
            throw new IllegalArgumentException("sample percentage must be within (0, 100], was " + samplePercent);
        }
    }
}
