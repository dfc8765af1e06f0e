package dev.loupe.formats;

import java.util.List;

/** Everything read from a set of annotation files: boxes, and images the files name without any box. */
public record ParsedAnnotations(List<ParsedBox> boxes, List<ImageRef> imagesWithoutBoxes, List<String> warnings) {
    public ParsedAnnotations {
        boxes = List.copyOf(boxes);
        imagesWithoutBoxes = List.copyOf(imagesWithoutBoxes);
        warnings = List.copyOf(warnings);
    }
}
