package dev.loupe.formats;

import java.nio.file.Path;

/**
 * How an annotation file names its image: a file name or relative path, or only a stem (KITTI and YOLO
 * name label files after the image, without its extension).
 *
 * @param baseDir      the folder of the annotation file, for resolving the name next to it (may be null)
 * @param fallbackStem a stem to try when the name matches no image (a VOC file's own name), or null
 */
public record ImageRef(String name, boolean stemOnly, Path baseDir, String fallbackStem) {

    public static ImageRef byName(String name, Path baseDir) {
        return new ImageRef(name, false, baseDir, null);
    }

    public static ImageRef byStem(String stem, Path baseDir) {
        return new ImageRef(stem, true, baseDir, null);
    }

    /** The same reference, falling back to {@code stem} when its name matches no image. */
    public ImageRef orStem(String stem) {
        return new ImageRef(name, stemOnly, baseDir, stem);
    }

    @Override
    public String toString() {
        return name;
    }
}
