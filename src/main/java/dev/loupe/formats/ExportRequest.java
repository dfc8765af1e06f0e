package dev.loupe.formats;

import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Split;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to export and how.
 *
 * @param task       only boxes of this task (null: every task)
 * @param statuses   only boxes in these review states (empty: all)
 * @param labels     only boxes with these labels, before mapping (empty: all)
 * @param classMap   renames labels on the way out (a label mapped to "" is left out)
 * @param classNames the class order to write (empty: the exported labels in project order)
 * @param side       only the images on this side of the dataset's split (null: every image)
 */
public record ExportRequest(String dataset, AnnotationFormat format, Path outDir, String task, Set<ReviewStatus> statuses,
                            Set<String> labels, Map<String, String> classMap, List<String> classNames,
                            WriteOptions.ImageFiles images, Split side) {
    public ExportRequest {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(outDir, "outDir");
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        labels = labels == null ? Set.of() : Set.copyOf(labels);
        classMap = classMap == null ? Map.of() : Map.copyOf(classMap);
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        images = images == null ? WriteOptions.ImageFiles.COPY : images;
    }

    /** Every image of the dataset. */
    public ExportRequest(String dataset, AnnotationFormat format, Path outDir, String task, Set<ReviewStatus> statuses,
                         Set<String> labels, Map<String, String> classMap, List<String> classNames,
                         WriteOptions.ImageFiles images) {
        this(dataset, format, outDir, task, statuses, labels, classMap, classNames, images, null);
    }
}
