package dev.loupe.formats;

import dev.loupe.core.Split;
import dev.loupe.store.ImageBytes;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * @param classNames     the classes in index order (YOLO ids; COCO category ids are index + 1 unless given)
 * @param images         whether image files are copied, linked or left out of the export folder
 * @param importedImages the project's image files (absolute, normalised): an export never replaces one
 * @param sides          the dataset's split, image id to side (empty: no split), for layouts that list them
 * @param categoryIds    COCO category ids the labels came with, to write them back (labels missing get new ids)
 * @param imageBytes     where the images' bytes are read from (a team project's server, or their paths)
 */
public record WriteOptions(List<String> classNames, ImageFiles images, Set<Path> importedImages, Map<Long, Split> sides,
                           Map<String, Integer> categoryIds, ImageBytes imageBytes) {
    /** How an export carries the image files. */
    public enum ImageFiles { COPY, LINK, NONE }

    public WriteOptions {
        classNames = List.copyOf(classNames);
        importedImages = Set.copyOf(importedImages);
        sides = Map.copyOf(sides);
        categoryIds = Map.copyOf(categoryIds);
    }

    /** Options for an export beside no imported image, without a split or category ids. */
    public WriteOptions(List<String> classNames, ImageFiles images) {
        this(classNames, images, Set.of(), Map.of(), Map.of(), ImageBytes.IN_PLACE);
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
