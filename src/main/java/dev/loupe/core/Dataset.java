package dev.loupe.core;

import java.time.Instant;
import java.util.Objects;

/** A named set of images inside a project. */
public record Dataset(long id, String name, Instant createdAt) {
    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
