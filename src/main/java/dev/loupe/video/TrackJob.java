package dev.loupe.video;

import dev.loupe.core.Dataset;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Source;
import dev.loupe.core.Task;
import dev.loupe.core.Track;
import dev.loupe.core.Video;
import dev.loupe.inference.Detection;
import dev.loupe.inference.Detector;
import dev.loupe.inference.Preprocessor;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.store.ProjectStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pre-annotates clips as tracks: for every clip of a dataset, its imported frames are decoded in order, the detector
 * runs on each, and the tracker links the detections; each track keeps only the key frames its boxes need, so a
 * reviewer corrects a few key frames instead of every frame. The task gets the tracks and, on every imported frame,
 * the tracks' boxes there (interpolated ones included) as predictions to review, replacing what it had on them.
 */
public final class TrackJob implements Job<TrackReport> {
    private final ProjectStore store;
    private final Detector detector;
    private final TrackRequest request;

    public TrackJob(ProjectStore store, Detector detector, TrackRequest request) {
        this.store = store;
        this.detector = detector;
        this.request = request;
    }

    @Override
    public TrackReport run(JobContext ctx) throws Exception {
        try (ProjectStore.RunningJob running = store.announce("track in dataset '" + request.dataset() + "'")) {
            long start = System.nanoTime();
            Dataset ds = store.requireDataset(request.dataset());
            Task task = store.task(request.task(), "Tracks of " + detector.descriptor().key());
            Map<Long, List<ImageItem>> framesByClip = ClipTracks.frames(store, ds.id());
            long total = framesByClip.values().stream().mapToLong(List::size).sum();
            Preprocessor prep = new Preprocessor(detector.descriptor());
            Detector.Session session = detector.session(0);
            int done = 0;
            int tracks = 0;
            int keys = 0;
            int boxes = 0;
            int clips = 0;
            for (Video video : store.videos(ds.id())) {
                List<ImageItem> frames = framesByClip.getOrDefault(video.id(), List.of());
                if (frames.isEmpty()) {
                    continue;
                }
                SortTracker tracker = new SortTracker(request.tracker());
                try (VideoClip clip = VideoClip.open(Path.of(video.path()))) {
                    for (ImageItem frame : frames) {
                        ctx.checkCancelled();
                        List<Sighting> seen = new ArrayList<>();
                        for (Detection d : session.detect(prep.prepare(clip.frame(frame.frameIndex())))) {
                            seen.add(new Sighting(d.label(), d.score(), d.x(), d.y(), d.w(), d.h()));
                        }
                        tracker.frame(frame.frameIndex(), seen);
                        ctx.progress(++done, total);
                    }
                }
                List<Track> found = tracker.tracks();
                boxes += ClipTracks.store(store, video, task, found, frames, Source.MODEL, request.author());
                tracks += found.size();
                keys += found.stream().mapToInt(t -> (int) t.keyFrames().stream().filter(k -> !k.outside()).count()).sum();
                clips++;
            }
            return new TrackReport(clips, done, tracks, keys, boxes, done / ((System.nanoTime() - start) / 1e9));
        }
    }
}
