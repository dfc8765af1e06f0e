package dev.loupe.video;

import dev.loupe.core.ImageItem;
import dev.loupe.core.KeyBox;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.core.Task;
import dev.loupe.core.Track;
import dev.loupe.core.Video;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A task's tracks in a clip, stored with their boxes on the clip's imported frames (what review and export see). */
public final class ClipTracks {
    private ClipTracks() {
    }

    /** The dataset's video frames, by clip, in frame order (clips read one by one, never the whole dataset). */
    public static Map<Long, List<ImageItem>> frames(ProjectStore store, long datasetId) {
        Map<Long, List<ImageItem>> out = new HashMap<>();
        for (Video v : store.videos(datasetId)) {
            out.put(v.id(), store.images(store.frames(v.id())));
        }
        return out;
    }

    /**
     * Replaces the task's tracks in the clip and its boxes on these frames with the tracks' boxes there (interpolated
     * ones included), all in one transaction; returns how many boxes.
     */
    public static int store(ProjectStore store, Video video, Task task, List<Track> tracks, List<ImageItem> frames,
                            Source source, String author) {
        Map<String, Long> labelIds = new HashMap<>();
        List<NewBox> boxes = new ArrayList<>();
        for (ImageItem frame : frames) {
            for (Track t : tracks) {
                var shown = t.at(frame.frameIndex());
                if (shown.isPresent()) {
                    KeyBox b = shown.get().box();
                    long label = labelIds.computeIfAbsent(t.label(), name -> store.label(name).id());
                    boxes.add(new NewBox(frame.id(), task.id(), label, b.x(), b.y(), b.w(), b.h(), source, Double.NaN,
                            ReviewStatus.PENDING, author));
                }
            }
        }
        long[] ids = frames.stream().mapToLong(ImageItem::id).toArray();
        store.inTransaction(() -> {
            store.saveTracks(video.id(), task.id(), tracks);
            store.deleteBoxes(task.id(), ids);
            store.addBoxes(boxes);
            return null;
        });
        return boxes.size();
    }
}
