package dev.loupe.video;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Frames of clips as images, for code that reads frames like pictures (review, metrics, pre-annotation, training,
 * thumbnails, export). Each thread keeps its last few clips open, so walking a clip frame by frame decodes in order
 * instead of seeking for every frame.
 */
public final class FrameReader {
    private static final int OPEN_PER_THREAD = 2;
    private static final ThreadLocal<Map<Path, VideoClip>> OPEN = ThreadLocal.withInitial(LinkedHashMap::new);

    private FrameReader() {
    }

    /** Frame {@code index} of the clip. */
    public static BufferedImage frame(Path clip, int index) throws VideoException {
        return open(clip).frame(index);
    }

    /** The key frame at or before frame {@code index}: quick to show while a timeline is scrubbed. */
    public static BufferedImage keyFrameBefore(Path clip, int index) throws VideoException {
        return open(clip).keyFrameBefore(index);
    }

    private static VideoClip open(Path clip) throws VideoException {
        Map<Path, VideoClip> open = OPEN.get();
        VideoClip c = open.remove(clip);
        if (c == null) {
            c = VideoClip.open(clip, 1); // one decoder thread each: readers already run one per core
        }
        open.put(clip, c); // most recent last
        if (open.size() > OPEN_PER_THREAD) {
            Iterator<VideoClip> eldest = open.values().iterator();
            eldest.next().close();
            eldest.remove();
        }
        return c;
    }
}
