package dev.loupe.formats;

import java.util.List;

/**
 * @param classNames the classes in index order (YOLO ids, COCO category ids are index + 1)
 * @param images     whether image files are copied, linked or left out of the export folder
 */
public record WriteOptions(List<String> classNames, ImageFiles images) {
    /** How an export carries the image files. */
    public enum ImageFiles { COPY, LINK, NONE }

    public WriteOptions {
        classNames = List.copyOf(classNames);
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
