package dev.loupe.formats;

import dev.loupe.core.Task;
import dev.loupe.core.Track;
import dev.loupe.core.Video;
import dev.loupe.store.ProjectStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * Exports a task's tracks, clip by clip: MOT Challenge ({@code OUT/<clip>/gt/gt.txt} with {@code OUT/classes.txt}) or
 * CVAT for video ({@code OUT/<clip>.xml}).
 */
public final class VideoTrackExport {
    /** The two layouts. */
    public enum Layout { MOT, CVAT_VIDEO }

    private VideoTrackExport() {
    }

    /** Returns how many tracks were written. */
    public static int write(ProjectStore store, String dataset, String taskName, Layout layout, Path out)
            throws IOException {
        Task task = store.requireTask(taskName);
        List<Video> videos = store.videos(store.requireDataset(dataset).id());
        if (videos.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + dataset + "' has no clips: nothing to export as tracks");
        }
        Files.createDirectories(out);
        TreeSet<String> labels = new TreeSet<>();
        for (Video v : videos) {
            store.tracks(v.id(), task.id()).forEach(t -> labels.add(t.label()));
        }
        List<String> classes = List.copyOf(labels);
        int written = 0;
        for (Video v : videos) {
            List<Track> tracks = store.tracks(v.id(), task.id());
            String stem = stem(v.fileName());
            if (layout == Layout.MOT) {
                Path gt = Files.createDirectories(out.resolve(stem).resolve("gt")).resolve("gt.txt");
                MotChallenge.write(gt, tracks, v.frames(), classes);
            } else {
                CvatVideoXml.write(out.resolve(stem + ".xml"), tracks, v.frames(), v.widthPx(), v.heightPx());
            }
            written += tracks.size();
        }
        if (layout == Layout.MOT) {
            Files.write(out.resolve("classes.txt"), classes);
        }
        return written;
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
