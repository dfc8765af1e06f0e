package dev.loupe.core;

import java.time.Instant;
import java.util.Objects;

/**
 * An axis-aligned box in display pixels of its image (x, y = top-left corner).
 *
 * @param score the detector's confidence for MODEL boxes, NaN when there is none
 * @param crowd whether the box marks a crowd region that evaluation ignores rather than one object
 */
public record Box(long id, long imageId, long taskId, long labelId, double x, double y, double w, double h,
                  Source source, double score, ReviewStatus status, String author,
                  Instant createdAt, Instant updatedAt, boolean crowd) {
    public Box {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        author = author == null ? "" : author;
        Checks.requireValidBox(x, y, w, h);
    }

    public boolean hasScore() {
        return !Double.isNaN(score);
    }
}
