package dev.loupe.formats;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An annotation import, as the reference platform's upload_annotations defines it.
 *
 * @param overwrite    replace the task's boxes on the images the files cover, rather than append
 * @param preAnnotate  store the boxes as MODEL predictions, PENDING review, with their scores
 */
public record AnnotationImportRequest(String dataset, AnnotationFormat format, List<Path> inputs, ReadOptions readOptions,
                                      String task, String description, boolean overwrite, boolean preAnnotate,
                                      UnknownLabels unknownLabels, String author) {
    public AnnotationImportRequest {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(task, "task");
        inputs = List.copyOf(inputs);
        readOptions = readOptions == null ? ReadOptions.defaults() : readOptions;
        description = description == null ? "" : description;
        unknownLabels = unknownLabels == null ? UnknownLabels.ADD : unknownLabels;
        author = author == null ? "" : author;
    }
}
