package dev.loupe.formats;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * @param classNames the classes in index order (YOLO ids, COCO category ids are index + 1)
 * @param images     whether image files are copied, linked or left out of the export folder
 * @param importedImages the project's image files (absolute, normalised): an export never replaces one
 */
public record WriteOptions(List<String> classNames, ImageFiles images, Set<Path> importedImages) {
    /** How an export carries the image files. */
    public enum ImageFiles { COPY, LINK, NONE }

    public WriteOptions {
        classNames = List.copyOf(classNames);
        importedImages = Set.copyOf(importedImages);
    }

    /** Options for an export beside no imported image. */
    public WriteOptions(List<String> classNames, ImageFiles images) {
        this(classNames, images, Set.of());
    }

    /** The class index of a label, or an error naming it. */
    public int classIndex(String label) {
        int i = classNames.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("label '" + label + "' is not in the export's class list " + classNames);
        }
        return i;
    }
}
