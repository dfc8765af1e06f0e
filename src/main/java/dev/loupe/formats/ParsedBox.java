package dev.loupe.formats;

/**
 * One box as an annotation file states it, before it is matched to an image of the project.
 *
 * @param normalized coordinates are fractions of the image size (YOLO) rather than pixels
 * @param score      NaN when the file gives none
 * @param where      file and line (or record) it came from, for messages
 * @param area       the object's own area in square pixels when the file gives one (COCO), NaN otherwise
 * @param flags      {@link dev.loupe.core.BoxFlags} the file gives (VOC difficult, truncated)
 */
public record ParsedBox(ImageRef image, String label, double x, double y, double w, double h, boolean normalized,
                        double score, boolean crowd, String where, double area, int flags) {

    /** A box whose file gives no area or flags of its own. */
    public ParsedBox(ImageRef image, String label, double x, double y, double w, double h, boolean normalized,
                     double score, boolean crowd, String where) {
        this(image, label, x, y, w, h, normalized, score, crowd, where, Double.NaN, 0);
    }

    /** The same box under another label. */
    public ParsedBox withLabel(String newLabel) {
        return new ParsedBox(image, newLabel, x, y, w, h, normalized, score, crowd, where, area, flags);
    }
}
