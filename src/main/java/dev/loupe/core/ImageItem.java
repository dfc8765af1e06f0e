package dev.loupe.core;

import java.time.Instant;
import java.util.Objects;

/**
 * An image referenced by a dataset (never copied). Width and height are in display pixels, that is after
 * the EXIF orientation is applied: every box of the image is expressed in that frame.
 *
 * @param path         the local file (for URL imports, the downloaded copy in the project cache)
 * @param url          the URL it came from, or null for local files
 * @param relativePath the path relative to the folder it was imported from (used to match annotations)
 * @param orientation  EXIF orientation 1..8 (1 = as stored)
 * @param contentHash  SHA-256 of the file's bytes, hex (of a frame: of the clip's hash and the frame)
 * @param videoId      the clip a frame comes from (its path is the clip's), 0 for a picture
 * @param frameIndex   which frame of the clip (from 0), -1 for a picture
 */
public record ImageItem(long id, long datasetId, String path, String url, String relativePath,
                        int widthPx, int heightPx, int orientation, String contentHash, long byteSize,
                        Instant importedAt, long videoId, int frameIndex) {
    public ImageItem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(contentHash, "contentHash");
        Checks.requirePositiveSize(widthPx, heightPx);
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1..8, was " + orientation);
        }
    }

    /** A picture (not a video frame). */
    public ImageItem(long id, long datasetId, String path, String url, String relativePath, int widthPx, int heightPx,
                     int orientation, String contentHash, long byteSize, Instant importedAt) {
        this(id, datasetId, path, url, relativePath, widthPx, heightPx, orientation, contentHash, byteSize, importedAt,
                0, -1);
    }

    /** Whether it is a frame of a clip, decoded from it when needed. */
    public boolean isFrame() {
        return frameIndex >= 0;
    }

    /** The file name without folders. */
    public String fileName() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }
}
