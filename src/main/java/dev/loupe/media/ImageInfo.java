package dev.loupe.media;

/** What the header of an image file says: its format, stored size and EXIF orientation. */
public record ImageInfo(ImageFormat format, int storedWidthPx, int storedHeightPx, int orientation) {

    /** Width as displayed, after the orientation is applied. */
    public int widthPx() {
        return ExifOrientation.swapsAxes(orientation) ? storedHeightPx : storedWidthPx;
    }

    public int heightPx() {
        return ExifOrientation.swapsAxes(orientation) ? storedWidthPx : storedHeightPx;
    }
}
