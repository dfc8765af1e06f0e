package dev.loupe.ui.review;

import dev.loupe.core.Box;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Track;
import dev.loupe.review.ReviewSession;
import dev.loupe.store.ProjectStore;
import dev.loupe.video.TrackEdits;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The review window's part in a clip's tracks: which boxes of the shown frame are interpolated, and the edits of
 * tracks (a moved box becomes a key frame; end, split, join), each answering with what the status line says. Holds the
 * task's tracks of the shown frame's clip, and the tracks of the last two boxes selected.
 */
final class ReviewTracks {
    private final ProjectStore store;
    private final TrackEdits edits;
    private List<Track> here = List.of();
    private long selectedBefore;
    private long selectedLast;

    ReviewTracks(ProjectStore store) {
        this.store = store;
        this.edits = new TrackEdits(store);
    }

    /** The session shows another image (or its tracks changed). */
    void show(ReviewSession s) {
        here = edits.tracksOf(s.image(), s.taskId());
    }

    boolean interpolated(ReviewSession s, Box b) {
        return s.image().isFrame() && TrackEdits.of(here, s.image(), b).map(m -> !m.key()).orElse(false);
    }

    /** A box of the shown frame was moved; what to say when it belongs to a track (whose other boxes followed). */
    Optional<String> moved(ReviewSession s, Box before, Box after) {
        if (!s.image().isFrame() || TrackEdits.of(here, s.image(), before).isEmpty()) {
            return Optional.empty();
        }
        int moved = edits.keyed(s.image(), s.taskId(), before, after);
        show(s);
        return Optional.of(String.format("Frame %d is a key frame of its track now; %d boxes of the track on other "
                + "frames follow", s.image().frameIndex(), moved));
    }

    String end(ReviewSession s, Box box) {
        int gone = edits.endAt(s.image(), s.taskId(), box);
        show(s);
        s.reload(store.boxes(s.image().id()));
        return gone == 0 ? "The selected box belongs to no track: nothing to end"
                : String.format("Track ended on frame %d: %d of its boxes went", s.image().frameIndex(), gone);
    }

    String split(ReviewSession s, Box box) {
        long made = edits.splitAt(s.image(), s.taskId(), box);
        show(s);
        return made == 0 ? "The selected box belongs to no track that goes on before this frame: nothing to split"
                : String.format("Track split on frame %d: from here on it is track %d", s.image().frameIndex(), made);
    }

    /** Joins the tracks of the last two boxes selected. */
    String join(ReviewSession s, String author) {
        if (selectedBefore == 0 || selectedLast == 0 || selectedBefore == selectedLast) {
            return "Select a box of one track, then a box of the other, to join them";
        }
        int added = edits.join(s.image(), s.taskId(), selectedBefore, selectedLast, author);
        String said = String.format("Tracks %d and %d joined; %d boxes fill the frames between them",
                Math.min(selectedBefore, selectedLast), Math.max(selectedBefore, selectedLast), added);
        selectedBefore = 0;
        selectedLast = 0;
        show(s);
        s.reload(store.boxes(s.image().id()));
        return said;
    }

    /** Remembers the track of a box just selected (what join joins). */
    void selected(ReviewSession s, long boxId) {
        if (boxId < 0 || !s.image().isFrame()) {
            return;
        }
        s.box(boxId).flatMap(b -> TrackEdits.of(here, s.image(), b)).ifPresent(m -> {
            if (m.track().id() != selectedLast) {
                selectedBefore = selectedLast;
                selectedLast = m.track().id();
            }
        });
    }

    /** A jump to a key frame: the place among the images walked, and the track whose box to select there. */
    record Jump(int position, List<Track> tracks) {
    }

    /**
     * The next ({@code direction} 1) or previous (-1) key frame among the frames walked, of the selected box's track or
     * of any track; empty with what to say when there is none.
     */
    Optional<Jump> keyFrame(ReviewSession s, Optional<Box> selectedBox, int direction,
                            java.util.function.Consumer<String> say) {
        List<Track> tracks = selectedBox.flatMap(b -> TrackEdits.of(here, s.image(), b)).map(m -> List.of(m.track()))
                .orElse(here);
        TreeSet<Integer> keys = new TreeSet<>();
        tracks.forEach(t -> t.keyFrames().stream().filter(k -> !k.outside()).forEach(k -> keys.add(k.frame())));
        Integer target = direction > 0 ? keys.higher(s.image().frameIndex()) : keys.lower(s.image().frameIndex());
        if (target == null) {
            say.accept("No key frame " + (direction > 0 ? "after" : "before") + " this one");
            return Optional.empty();
        }
        List<ImageItem> walked = store.images(IntStream.range(0, s.size()).mapToLong(s::imageIdAt).toArray());
        OptionalInt at = IntStream.range(0, walked.size())
                .filter(i -> walked.get(i).isFrame() && walked.get(i).frameIndex() == target).findFirst();
        if (at.isEmpty()) {
            say.accept("Key frame " + target + " is not among the frames walked");
            return Optional.empty();
        }
        return Optional.of(new Jump(at.getAsInt(), tracks));
    }

    /** The box of the shown frame that belongs to one of these tracks. */
    static Optional<Long> boxOf(ReviewSession s, List<Track> tracks) {
        return s.boxes().stream().filter(b -> TrackEdits.of(tracks, s.image(), b).isPresent()).map(Box::id).findFirst();
    }
}
