package dev.loupe.core;

import java.util.Objects;

/** A box about to be stored; the store assigns id and timestamps. Score is NaN when there is none. */
public record NewBox(long imageId, long taskId, long labelId, double x, double y, double w, double h,
                     Source source, double score, ReviewStatus status, String author) {
    public NewBox {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        author = author == null ? "" : author;
        Checks.requireValidBox(x, y, w, h);
    }
}
