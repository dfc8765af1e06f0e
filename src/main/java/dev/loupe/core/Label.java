package dev.loupe.core;

import java.util.Objects;

/** A class name boxes can carry (for example "person"). */
public record Label(long id, String name) {
    public Label {
        Objects.requireNonNull(name, "name");
    }

    /** Whether a name can be a label: not blank, no control character (a newline breaks every line format). */
    public static boolean isPlainName(String name) {
        return name != null && !name.isBlank() && name.chars().noneMatch(Character::isISOControl);
    }
}
