package dev.loupe.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads annotation text strictly as UTF-8, so a file in another encoding fails loudly instead of garbling labels. */
final class TextFiles {

    private TextFiles() {
    }

    static List<String> lines(Path file) throws AnnotationFormatException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AnnotationFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return text.lines().toList();
        } catch (CharacterCodingException e) {
            throw new AnnotationFormatException(file + ":" + lineOfFirstBadByte(bytes)
                    + ": not valid UTF-8 text (expected UTF-8; convert the file, e.g. with iconv)", e);
        }
    }

    private static int lineOfFirstBadByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    decoder.reset().decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return line;
    }

    /** Rejects names that climb out of their folder or are absolute: an annotation must not point elsewhere. */
    static String safeImageName(String name, Path file, int line, String field) throws AnnotationFormatException {
        String n = name.replace('\\', '/');
        if (n.isBlank()) {
            throw AnnotationFormatException.at(file, line, field + " is empty (expected an image file name)");
        }
        if (n.startsWith("/") || n.matches("^[A-Za-z]:/.*")) {
            throw AnnotationFormatException.at(file, line, field + " '" + name
                    + "' is an absolute path (expected a name relative to the dataset)");
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                throw AnnotationFormatException.at(file, line, field + " '" + name
                        + "' climbs out of its folder with '..' (expected a name inside the dataset)");
            }
        }
        return n;
    }

    /**
     * An image path as list files write it (CSV, YOLO-Keras): relative, or absolute as keras-retinanet and
     * keras-yolo3 write them (only matched against the dataset's images, never opened), but never climbing with '..'.
     */
    static String imageReference(String name, Path file, int line, String field) throws AnnotationFormatException {
        String n = name.strip().replace('\\', '/');
        if (!n.startsWith("/") && !n.matches("^[A-Za-z]:/.*")) {
            return safeImageName(n, file, line, field);
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                throw AnnotationFormatException.at(file, line, field + " '" + name
                        + "' climbs out of its folder with '..' (expected a plain path)");
            }
        }
        return n;
    }

    /** A finite number, or an error naming the field. */
    static double number(String text, Path file, int line, String field) throws AnnotationFormatException {
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw AnnotationFormatException.at(file, line, field + " is '" + text + "' (expected a number)");
        }
        if (!Double.isFinite(v)) {
            throw AnnotationFormatException.at(file, line, field + " is " + text + " (expected a finite number)");
        }
        return v;
    }
}
