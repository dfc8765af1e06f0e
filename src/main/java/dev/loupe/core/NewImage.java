package dev.loupe.core;

import java.util.Objects;

/** An image about to be added to a dataset: everything of an {@link ImageItem} but its id and time. */
public record NewImage(String path, String url, String relativePath, int widthPx, int heightPx,
                       int orientation, String contentHash, long byteSize, long videoId, int frameIndex) {
    public NewImage {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(contentHash, "contentHash");
        Checks.requirePositiveSize(widthPx, heightPx);
    }

    /** A picture (not a video frame). */
    public NewImage(String path, String url, String relativePath, int widthPx, int heightPx, int orientation,
                    String contentHash, long byteSize) {
        this(path, url, relativePath, widthPx, heightPx, orientation, contentHash, byteSize, 0, -1);
    }
}
