package dev.loupe.formats;

import dev.loupe.core.Split;

import java.util.List;
import java.util.Map;

/**
 * Everything read from a set of annotation files: boxes, images the files name without any box, warnings, the
 * split the layout gives (VOC ImageSets, Ultralytics and Darknet train / val lists; image to side), and the
 * category ids the file gives its class names (COCO), to write them back.
 */
public record ParsedAnnotations(List<ParsedBox> boxes, List<ImageRef> imagesWithoutBoxes, List<String> warnings,
                                Map<ImageRef, Split> sides, Map<String, Integer> categoryIds) {
    public ParsedAnnotations {
        boxes = List.copyOf(boxes);
        imagesWithoutBoxes = List.copyOf(imagesWithoutBoxes);
        warnings = List.copyOf(warnings);
        sides = Map.copyOf(sides);
        categoryIds = Map.copyOf(categoryIds);
    }

    /** Annotations from a layout without a split or category ids. */
    public ParsedAnnotations(List<ParsedBox> boxes, List<ImageRef> imagesWithoutBoxes, List<String> warnings) {
        this(boxes, imagesWithoutBoxes, warnings, Map.of(), Map.of());
    }
}
