package dev.loupe.formats;

import java.nio.file.Path;

/**
 * How an annotation file names its image: a file name or relative path, or only a stem (KITTI and YOLO
 * name label files after the image, without its extension).
 *
 * @param baseDir the folder of the annotation file, for resolving the name next to it (may be null)
 */
public record ImageRef(String name, boolean stemOnly, Path baseDir) {

    public static ImageRef byName(String name, Path baseDir) {
        return new ImageRef(name, false, baseDir);
    }

    public static ImageRef byStem(String stem, Path baseDir) {
        return new ImageRef(stem, true, baseDir);
    }

    @Override
    public String toString() {
        return name;
    }
}
