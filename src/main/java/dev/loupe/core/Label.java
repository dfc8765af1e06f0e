package dev.loupe.core;

import java.util.Objects;

/** A class name boxes can carry (for example "person"). */
public record Label(long id, String name) {
    public Label {
        Objects.requireNonNull(name, "name");
    }
}
