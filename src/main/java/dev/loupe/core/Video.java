package dev.loupe.core;

/**
 * A clip in a dataset; its imported frames are images that point to it.
 *
 * @param frames   frames that decode (a clip cut short counts those before the break)
 * @param duration seconds
 */
public record Video(long id, long datasetId, String path, String relativePath, String contentHash, int widthPx,
                    int heightPx, double fps, int frames, double duration, String codec) {

    /** The clip's file name without folders. */
    public String fileName() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }
}
