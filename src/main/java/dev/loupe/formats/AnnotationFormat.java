package dev.loupe.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A file format for boxes: reads files into parsed boxes and writes images with their boxes. */
public interface AnnotationFormat {

    /** The name used on the command line: coco, kitti, voc, yolo, csv, yolo-keras, retinanet-csv. */
    String name();

    /** Reads the given files and folders (a folder means every file of this format in it). */
    ParsedAnnotations read(List<Path> inputs, ReadOptions options) throws AnnotationFormatException;

    /** Whether the format can hold crowd regions (others leave them out of an export). */
    default boolean holdsCrowdRegions() {
        return false;
    }

    /** Opens a writer that fills {@code outDir}. */
    AnnotationWriter writer(Path outDir, WriteOptions options) throws IOException;
}
