package dev.loupe.core;

import java.util.Objects;

/** A named annotation task: the boxes of one source of truth (a human pass, a model run). */
public record Task(long id, String name, String description) {
    public Task {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
    }
}
