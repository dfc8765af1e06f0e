package dev.loupe.video;

import dev.loupe.core.Box;
import dev.loupe.core.ImageItem;
import dev.loupe.core.KeyBox;
import dev.loupe.core.Track;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Edits of a clip's boxes that belong to tracks. A box on a frame belongs to the task's track whose box there it is
 * (the boxes of a track are written from it, so they are found by their place); editing it makes the frame a key
 * frame of the track, and the track's boxes on the frames around follow the new interpolation. A track can also be
 * ended on a frame.
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
        int moved = follow(frame, taskId, old, now);
        save(frame, taskId, tracks, old, now);
        return moved;
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
        int gone = follow(frame, taskId, old, now);
        save(frame, taskId, tracks, old, now);
        return gone;
    }

    /** Moves (or removes) the track's boxes on the clip's frames where the new track differs from the old. */
    private int follow(ImageItem edited, long taskId, Track old, Track now) {
        int changed = 0;
        for (ImageItem f : store.images(store.frames(edited.videoId()))) {
            var was = old.at(f.frameIndex());
            var is = now.at(f.frameIndex());
            if (was.isEmpty() || f.id() == edited.id() && is.isPresent()) {
                continue; // nothing of the track here, or the edited box itself, already where it belongs
            }
            KeyBox w = was.get().box();
            if (is.isPresent() && same(is.get().box(), w.x(), w.y(), w.w(), w.h())) {
                continue; // this frame is beyond the edit's reach
            }
            for (Box b : store.boxes(f.id())) {
                if (b.taskId() == taskId && same(w, b.x(), b.y(), b.w(), b.h())) {
                    if (is.isPresent()) {
                        KeyBox n = is.get().box();
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
