package dev.loupe.core;

import java.util.Objects;

/**
 * A box about to be stored; the store assigns id and timestamps. Score is NaN when there is none; a crowd
 * box marks a region of many objects that evaluation ignores (COCO iscrowd, KITTI DontCare). Area is the
 * object's own area when the file gives one (COCO's segmentation {@code area}, which its evaluation sizes
 * objects by), NaN otherwise. Flags are {@link BoxFlags} from the file.
 */
public record NewBox(long imageId, long taskId, long labelId, double x, double y, double w, double h,
                     Source source, double score, ReviewStatus status, String author, boolean crowd, double area,
                     int flags) {
    public NewBox {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        author = author == null ? "" : author;
        Checks.requireValidBox(x, y, w, h);
    }

    /** A box without an area or flags of its own. */
    public NewBox(long imageId, long taskId, long labelId, double x, double y, double w, double h,
                  Source source, double score, ReviewStatus status, String author, boolean crowd) {
        this(imageId, taskId, labelId, x, y, w, h, source, score, status, author, crowd, Double.NaN, 0);
    }

    /** A box of one object (not a crowd region). */
    public NewBox(long imageId, long taskId, long labelId, double x, double y, double w, double h,
                  Source source, double score, ReviewStatus status, String author) {
        this(imageId, taskId, labelId, x, y, w, h, source, score, status, author, false);
    }
}
