package dev.loupe.formats;

import java.nio.file.Path;
import java.util.List;

/**
 * What a reader may need beyond the files themselves.
 *
 * @param classNames    class names by index (YOLO, YOLO-Keras), or empty to look for a names file next to the labels
 * @param dontCareLabel the label KITTI {@code DontCare} regions get (they carry no class of their own)
 * @param vocParts      whether the {@code <part>}s of a VOC object (a person's head, hands) become boxes of their own
 */
public record ReadOptions(List<String> classNames, String dontCareLabel, boolean vocParts) {
    public static final String DONT_CARE = "DontCare";

    public ReadOptions {
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        dontCareLabel = dontCareLabel == null || dontCareLabel.isBlank() ? DONT_CARE : dontCareLabel;
    }

    public static ReadOptions defaults() {
        return new ReadOptions(List.of(), null, false);
    }

    /** Options with the class names read from a names file (one per line, or a YOLO dataset YAML). */
    public static ReadOptions withClassFile(Path file, String dontCareLabel) throws AnnotationFormatException {
        return new ReadOptions(file == null ? List.of() : ClassNames.read(file), dontCareLabel, false);
    }

    /** The same options, with VOC parts read as boxes of their own or not. */
    public ReadOptions withVocParts(boolean parts) {
        return new ReadOptions(classNames, dontCareLabel, parts);
    }
}
