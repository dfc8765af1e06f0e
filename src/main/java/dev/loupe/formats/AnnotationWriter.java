package dev.loupe.formats;

import dev.loupe.core.ImageItem;

import java.io.IOException;
import java.util.List;

/** Writes images and their boxes one image at a time, so an export never holds a whole dataset. */
public interface AnnotationWriter extends AutoCloseable {

    void write(ImageItem image, List<ExportBox> boxes) throws IOException;

    /** Finishes the files (e.g. closes the COCO JSON); nothing is complete before this. */
    @Override
    void close() throws IOException;
}
