package dev.loupe.core;

import java.time.Instant;
import java.util.Objects;

/** A comment on an image, or on one of its boxes when boxId is not null. */
public record Comment(long id, long imageId, Long boxId, String author, String text, Instant createdAt) {
    public Comment {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        author = author == null ? "" : author;
    }
}
