package dev.loupe.core;

import java.time.Instant;
import java.util.Objects;

/**
 * An axis-aligned box in display pixels of its image (x, y = top-left corner).
 *
 * @param score the detector's confidence for MODEL boxes, NaN when there is none
 * @param crowd whether the box marks a crowd region that evaluation ignores rather than one object
 * @param origin where the box first came from when a person has since edited it (a corrected prediction is
 *               HUMAN with origin MODEL); the same as source otherwise
 * @param area   the object's own area from its annotation file (COCO {@code area}), NaN when none; it no longer
 *               holds once the box is moved or resized
 * @param flags   {@link BoxFlags} from its annotation file
 * @param version counted by every stored write: an edit of an older version is refused
 */
public record Box(long id, long imageId, long taskId, long labelId, double x, double y, double w, double h,
                  Source source, double score, ReviewStatus status, String author,
                  Instant createdAt, Instant updatedAt, boolean crowd, Source origin, double area, int flags,
                  long version) {
    public Box {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        author = author == null ? "" : author;
        origin = origin == null ? source : origin;
        Checks.requireValidBox(x, y, w, h);
    }

    /** A box without an area or flags of its own. */
    public Box(long id, long imageId, long taskId, long labelId, double x, double y, double w, double h,
               Source source, double score, ReviewStatus status, String author,
               Instant createdAt, Instant updatedAt, boolean crowd, Source origin) {
        this(id, imageId, taskId, labelId, x, y, w, h, source, score, status, author, createdAt, updatedAt, crowd, origin,
                Double.NaN, 0, 1);
    }

    /** The same box with new geometry, label, provenance and status (id, image, task and times kept). */
    public Box with(double newX, double newY, double newW, double newH, long newLabelId, Source newSource,
                    ReviewStatus newStatus, String newAuthor) {
        boolean sameShape = newX == x && newY == y && newW == w && newH == h;
        return new Box(id, imageId, taskId, newLabelId, newX, newY, newW, newH, newSource, score, newStatus, newAuthor,
                createdAt, updatedAt, crowd, origin, sameShape ? area : Double.NaN, flags, version);
    }

    /** The same box as the store holds it at {@code storedVersion} (what an edit of it must name). */
    public Box atVersion(long storedVersion) {
        return new Box(id, imageId, taskId, labelId, x, y, w, h, source, score, status, author, createdAt, updatedAt,
                crowd, origin, area, flags, storedVersion);
    }

    public boolean hasScore() {
        return !Double.isNaN(score);
    }
}
