package dev.loupe.formats;

import java.nio.file.Path;

/**
 * An annotation file cannot be read: the message names the file, the line or field, and what was expected.
 * An import that meets one stores nothing.
 */
public class AnnotationFormatException extends Exception {

    public AnnotationFormatException(String message) {
        super(message);
    }

    public AnnotationFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    public static AnnotationFormatException at(Path file, int line, String problem) {
        return new AnnotationFormatException(file + ":" + line + ": " + problem);
    }
}
