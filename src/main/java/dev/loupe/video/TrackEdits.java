package dev.loupe.video;

import dev.loupe.core.Box;
import dev.loupe.core.ImageItem;
import dev.loupe.core.KeyBox;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.core.Track;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Edits of a clip's boxes that belong to tracks. A box on a frame belongs to the task's track whose box there it is
 * (the boxes of a track are written from it, so they are found by their place); editing it makes the frame a key
 * frame of the track, and the track's boxes on the frames around follow the new interpolation. A track can also be
 * ended or split on a frame, and two tracks of one object joined. Each edit stores the track and its boxes in one
 * transaction.
 */
public final class TrackEdits {
    private static final double SAME = 1e-6;

    private final ProjectStore store;

    public TrackEdits(ProjectStore store) {
        this.store = store;
    }

    /** A box's track, and whether the frame is one of the track's key frames (else the box is interpolated). */
    public record Membership(Track track, boolean key) {
    }

    /** The tracks of the task in the frame's clip (none for a picture). */
    public List<Track> tracksOf(ImageItem frame, long taskId) {
        return frame.isFrame() ? store.tracks(frame.videoId(), taskId) : List.of();
    }

    /** Which of these tracks the box belongs to on its frame, if any. */
    public static Optional<Membership> of(List<Track> tracks, ImageItem frame, Box box) {
        for (Track t : tracks) {
            var shown = t.at(frame.frameIndex());
            if (shown.isPresent() && same(shown.get().box(), box.x(), box.y(), box.w(), box.h())) {
                return Optional.of(new Membership(t, !shown.get().interpolated()));
            }
        }
        return Optional.empty();
    }

    /**
     * After a track's box on {@code frame} was moved from {@code before} to {@code after}: the frame is a key frame of
     * the track with the new box, and the track's boxes on the clip's other frames follow. Returns how many other
     * boxes moved (0 when the box belongs to no track).
     */
    public int keyed(ImageItem frame, long taskId, Box before, Box after) {
        List<Track> tracks = tracksOf(frame, taskId);
        Optional<Membership> m = of(tracks, frame, before);
        if (m.isEmpty()) {
            return 0;
        }
        Track old = m.get().track();
        Track now = old.withKey(KeyBox.at(frame.frameIndex(), after.x(), after.y(), after.w(), after.h()));
        return store.inTransaction(() -> {
            int moved = follow(frame, taskId, old::at, now, after.author());
            save(frame, taskId, tracks, old, now);
            return moved;
        });
    }

    /** The box's track ends on this frame: its boxes here and on later frames go. Returns how many went. */
    public int endAt(ImageItem frame, long taskId, Box box) {
        List<Track> tracks = tracksOf(frame, taskId);
        Optional<Membership> m = of(tracks, frame, box);
        if (m.isEmpty()) {
            return 0;
        }
        Track old = m.get().track();
        Track now = old.endAt(frame.frameIndex());
        return store.inTransaction(() -> {
            int gone = follow(frame, taskId, old::at, now, box.author());
            save(frame, taskId, tracks, old, now);
            return gone;
        });
    }

    /**
     * The box's track splits on this frame: from here on it is a new track (the next free number), its boxes staying
     * where they are. Returns the new track's number, or 0 when the box belongs to no track (or its track starts here).
     */
    public long splitAt(ImageItem frame, long taskId, Box box) {
        List<Track> tracks = tracksOf(frame, taskId);
        Optional<Membership> m = of(tracks, frame, box);
        if (m.isEmpty() || m.get().track().firstFrame() >= frame.frameIndex()) {
            return 0;
        }
        long newId = tracks.stream().mapToLong(Track::id).max().orElse(0) + 1;
        List<Track> parts = m.get().track().splitAt(frame.frameIndex(), newId);
        List<Track> out = new ArrayList<>(tracks);
        out.replaceAll(t -> t.id() == m.get().track().id() ? parts.get(0) : t);
        out.add(parts.get(1));
        store.saveTracks(frame.videoId(), taskId, out);
        return newId;
    }

    /**
     * Two tracks of one object made one (the earlier keeps its number): the frames between them get the interpolated
     * boxes they lacked. Returns how many boxes were added or moved.
     */
    public int join(ImageItem frame, long taskId, long trackA, long trackB, String author) {
        List<Track> tracks = tracksOf(frame, taskId);
        Track a = tracks.stream().filter(t -> t.id() == trackA).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no track " + trackA + " in this clip"));
        Track b = tracks.stream().filter(t -> t.id() == trackB).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no track " + trackB + " in this clip"));
        Track earlier = a.firstFrame() <= b.firstFrame() ? a : b;
        Track later = earlier == a ? b : a;
        Track joined = earlier.merge(later);
        List<Track> out = new ArrayList<>(tracks);
        out.removeIf(t -> t.id() == later.id());
        out.replaceAll(t -> t.id() == earlier.id() ? joined : t);
        return store.inTransaction(() -> {
            int changed = follow(frame, taskId, f -> earlier.at(f).or(() -> later.at(f)), joined, author);
            store.saveTracks(frame.videoId(), taskId, out);
            return changed;
        });
    }

    /**
     * Brings the track's boxes on the clip's frames in line with {@code now} where it differs from what was shown
     * ({@code was}, by frame): moved, removed, or added (interpolated, as the editor's); the edited frame's own box is
     * already where it belongs. Returns how many boxes changed.
     */
    private int follow(ImageItem edited, long taskId, java.util.function.IntFunction<Optional<Track.Shown>> was,
                       Track now, String author) {
        int changed = 0;
        Long labelId = null;
        for (ImageItem f : store.images(store.frames(edited.videoId()))) {
            Optional<Track.Shown> before = was.apply(f.frameIndex());
            Optional<Track.Shown> after = now.at(f.frameIndex());
            if (f.id() == edited.id() && after.isPresent()) {
                continue;
            }
            if (before.isEmpty()) {
                if (after.isPresent()) {
                    labelId = labelId != null ? labelId : store.label(now.label()).id();
                    KeyBox n = after.get().box();
                    store.addBoxes(List.of(new NewBox(f.id(), taskId, labelId, n.x(), n.y(), n.w(), n.h(), Source.HUMAN,
                            Double.NaN, ReviewStatus.PENDING, author)));
                    changed++;
                }
                continue;
            }
            KeyBox w = before.get().box();
            if (after.isPresent() && same(after.get().box(), w.x(), w.y(), w.w(), w.h())) {
                continue; // this frame is beyond the edit's reach
            }
            for (Box b : store.boxes(f.id())) {
                if (b.taskId() == taskId && same(w, b.x(), b.y(), b.w(), b.h())) {
                    if (after.isPresent()) {
                        KeyBox n = after.get().box();
                        store.updateBox(b.with(n.x(), n.y(), n.w(), n.h(), b.labelId(), b.source(), b.status(),
                                b.author()));
                    } else {
                        store.deleteBox(b.id());
                    }
                    changed++;
                    break;
                }
            }
        }
        return changed;
    }

    private void save(ImageItem frame, long taskId, List<Track> tracks, Track old, Track now) {
        List<Track> out = new ArrayList<>(tracks);
        out.replaceAll(t -> t.id() == old.id() ? now : t);
        store.saveTracks(frame.videoId(), taskId, out);
    }

    private static boolean same(KeyBox k, double x, double y, double w, double h) {
        return Math.abs(k.x() - x) < SAME && Math.abs(k.y() - y) < SAME && Math.abs(k.w() - w) < SAME
                && Math.abs(k.h() - h) < SAME;
    }
}
