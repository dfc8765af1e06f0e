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

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pre-annotates clips as tracks: for every clip of a dataset, its imported frames are decoded in order, the detector
 * runs on them on all its sessions at once, and the tracker links the detections in frame order; each track keeps
 * only the key frames its boxes need, so a reviewer corrects a few key frames instead of every frame. The task gets
 * the tracks and, on every imported frame, the tracks' boxes there (interpolated ones included) as predictions to
 * review, replacing what it had on them.
 */
public final class TrackJob implements Job<TrackReport> {
    private final ProjectStore store;
    private final Detector detector;
    private final TrackRequest request;
    private final Preprocessor prep;
    private int done;

    public TrackJob(ProjectStore store, Detector detector, TrackRequest request) {
        this.store = store;
        this.detector = detector;
        this.request = request;
        this.prep = new Preprocessor(detector.descriptor());
    }

    @Override
    public TrackReport run(JobContext ctx) throws Exception {
        try (ProjectStore.RunningJob running = store.announce("track in dataset '" + request.dataset() + "'")) {
            long start = System.nanoTime();
            Dataset ds = store.requireDataset(request.dataset());
            Task task = store.task(request.task(), "Tracks of " + detector.descriptor().key());
            Map<Long, List<ImageItem>> framesByClip = ClipTracks.frames(store, ds.id());
            long total = framesByClip.values().stream().mapToLong(List::size).sum();
            int sessions = detector.config().sessions();
            AtomicInteger nextSession = new AtomicInteger();
            ThreadLocal<Detector.Session> session = ThreadLocal.withInitial(() ->
                    detector.session(nextSession.getAndIncrement() % sessions));
            ExecutorService pool = Executors.newFixedThreadPool(sessions, r -> {
                Thread t = new Thread(r, "loupe-track-detect");
                t.setDaemon(true);
                return t;
            });
            int tracks = 0;
            int keys = 0;
            int boxes = 0;
            int clips = 0;
            try {
                for (Video video : store.videos(ds.id())) {
                    List<ImageItem> frames = framesByClip.getOrDefault(video.id(), List.of());
                    if (frames.isEmpty()) {
                        continue;
                    }
                    List<Track> found = track(video, frames, pool, session, 2 * sessions, ctx, total);
                    boxes += ClipTracks.store(store, video, task, found, frames, Source.MODEL, request.author());
                    tracks += found.size();
                    keys += found.stream().mapToInt(t -> (int) t.keyFrames().stream().filter(k -> !k.outside()).count())
                            .sum();
                    clips++;
                }
            } finally {
                pool.shutdownNow();
            }
            return new TrackReport(clips, done, tracks, keys, boxes, done / ((System.nanoTime() - start) / 1e9));
        }
    }

    /**
     * Decodes the frames in order here, detects on the pool (a few frames ahead), and feeds the tracker in frame order.
     */
    private List<Track> track(Video video, List<ImageItem> frames, ExecutorService pool,
                              ThreadLocal<Detector.Session> session, int ahead, JobContext ctx, long total)
            throws Exception {
        SortTracker tracker = new SortTracker(request.tracker());
        ArrayDeque<Future<List<Sighting>>> pending = new ArrayDeque<>();
        ArrayDeque<Integer> pendingFrames = new ArrayDeque<>();
        try (VideoClip clip = VideoClip.open(Path.of(video.path()))) {
            for (ImageItem frame : frames) {
                ctx.checkCancelled();
                BufferedImage picture = clip.frame(frame.frameIndex());
                pending.add(pool.submit(() -> detect(session.get(), picture)));
                pendingFrames.add(frame.frameIndex());
                if (pending.size() > ahead) {
                    tracker.frame(pendingFrames.poll(), pending.poll().get());
                    ctx.progress(++done, total);
                }
            }
            while (!pending.isEmpty()) {
                tracker.frame(pendingFrames.poll(), pending.poll().get());
                ctx.progress(++done, total);
            }
        } finally {
            pending.forEach(f -> f.cancel(true));
        }
        return tracker.tracks();
    }

    private List<Sighting> detect(Detector.Session session, BufferedImage picture) throws Exception {
        List<Sighting> seen = new ArrayList<>();
        for (Detection d : session.detect(prep.prepare(picture))) {
            seen.add(new Sighting(d.label(), d.score(), d.x(), d.y(), d.w(), d.h()));
        }
        return seen;
    }
}
