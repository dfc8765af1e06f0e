package dev.loupe.video;

import dev.loupe.core.ImageItem;
import dev.loupe.core.Source;
import dev.loupe.core.Task;
import dev.loupe.core.Track;
import dev.loupe.core.Video;
import dev.loupe.store.ProjectStore;

import java.nio.file.Path;
import java.util.List;

/**
 * Brings tracks read from a file (MOT Challenge, CVAT video) into a task on one of a dataset's clips: the clip named
 * like the file (a MOT sequence's folder, a CVAT file's name), or the dataset's only clip.
 */
public final class TrackImport {
    private TrackImport() {
    }

    /** The clip the file is about; an error naming the file and the clips when none or several could be. */
    public static Video clipFor(ProjectStore store, long datasetId, Path file) {
        List<Video> videos = store.videos(datasetId);
        if (videos.isEmpty()) {
            throw new IllegalArgumentException(file + ": the dataset has no clips to put tracks on (import-video first)");
        }
        String name = file.getFileName().toString().equals("gt.txt") && file.getParent() != null
                && file.getParent().getParent() != null ? file.getParent().getParent().getFileName().toString()
                : stem(file.getFileName().toString());
        List<Video> named = videos.stream().filter(v -> stem(v.fileName()).equals(name)).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        if (videos.size() == 1) {
            return videos.get(0);
        }
        throw new IllegalArgumentException(file + ": which clip? none is named '" + name + "' among "
                + videos.stream().map(Video::fileName).toList());
    }

    /** Stores the tracks as the task's in the clip, with their boxes on its imported frames; returns how many boxes. */
    public static int store(ProjectStore store, long datasetId, Video video, Task task, List<Track> tracks, String author) {
        List<ImageItem> frames = store.images(store.frames(video.id()));
        return ClipTracks.store(store, video, task, tracks, frames, Source.HUMAN, author);
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
