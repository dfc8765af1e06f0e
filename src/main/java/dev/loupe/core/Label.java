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

    /** The name with control characters written as Java escapes, so a message shows them. */
    public static String printable(String name) {
        StringBuilder out = new StringBuilder();
        String.valueOf(name).chars().forEach(c -> out.append(c == '\n' ? "\\n" : c == '\t' ? "\\t"
                : c == '\r' ? "\\r" : Character.isISOControl(c) ? String.format("\\u%04x", c)
                : String.valueOf((char) c)));
        return out.toString();
    }
}
