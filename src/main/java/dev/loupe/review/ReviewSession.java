package dev.loupe.review;

import dev.loupe.core.Box;
import dev.loupe.core.ImageItem;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.store.ProjectStore;
import dev.loupe.store.StaleEditException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reviewing one task's boxes image by image. Every edit is written at once (nothing to save, nothing lost if
 * the app dies) and kept as one command on the image's undo stack. Editing a prediction's box makes it a
 * HUMAN box that remembers it came from the model.
 */
public final class ReviewSession {
    private final ProjectStore store;
    private final long[] imageIds;
    private final long taskId;
    private final String author;
    private final Deque<BoxEdit> undo = new ArrayDeque<>();
    private final Deque<BoxEdit> redo = new ArrayDeque<>();
    private int index;
    private ImageItem image;
    private final List<Box> boxes = new ArrayList<>();
    private final boolean mayJudge;
    /** Whether the shown image is marked done, read when it is shown (edits must not wait for the store's answer). */
    private boolean done;
    /** Whether the shown image is one of several people's independent annotation, not closed yet: only ours show. */
    private boolean blind;

    public ReviewSession(ProjectStore store, long[] imageIds, int index, long taskId, String author) {
        this(store, imageIds, index, taskId, author, store.mayJudgeBoxes());
    }

    /** As above, with whether the person may judge boxes already asked of the store ({@link ProjectStore#mayJudgeBoxes}). */
    public ReviewSession(ProjectStore store, long[] imageIds, int index, long taskId, String author, boolean mayJudge) {
        if (imageIds.length == 0) {
            throw new IllegalArgumentException("nothing to review: no images");
        }
        this.store = store;
        this.imageIds = imageIds.clone();
        this.taskId = taskId;
        this.author = author == null ? "" : author;
        this.mayJudge = mayJudge;
        goTo(index);
    }

    /** Shows image {@code i} (clamped to the list); the undo history belongs to the image left. */
    public void goTo(int i) {
        index = Math.max(0, Math.min(imageIds.length - 1, i));
        image = store.image(imageIds[index]).orElseThrow(() ->
                new IllegalStateException("image " + imageIds[index] + " is no longer in the project"));
        List<dev.loupe.core.Assignment> people = store.assignees(taskId, 0, image.id());
        blind = people.size() > 1 && people.stream().anyMatch(a -> a.assignee().equals(author))
                && people.stream().anyMatch(a -> !a.finished());
        boxes.clear();
        store.boxes(image.id()).stream().filter(this::shown).forEach(boxes::add);
        done = store.isImageDone(image.id(), taskId);
        undo.clear();
        redo.clear();
    }

    /**
     * Takes the image's boxes as someone else left them ({@code stored}: every box of the image, read by the caller off
     * the UI thread); the undo history stays, and its edits name the new versions.
     */
    public void reload(List<Box> stored) {
        boxes.clear();
        stored.stream().filter(this::shown).forEach(boxes::add);
    }

    /** A box of the task; while the image is an independent annotation, only the person's own. */
    private boolean shown(Box b) {
        return b.taskId() == taskId && (!blind || author.equals(b.author()));
    }

    /**
     * Whether the image is being annotated independently by several people, not all done yet: each sees only their
     * own boxes until it closes.
     */
    public boolean blind() {
        return blind;
    }

    public boolean next() {
        if (index + 1 >= imageIds.length) {
            return false;
        }
        goTo(index + 1);
        return true;
    }

    public boolean previous() {
        if (index == 0) {
            return false;
        }
        goTo(index - 1);
        return true;
    }

    public int index() {
        return index;
    }

    public int size() {
        return imageIds.length;
    }

    public long imageIdAt(int i) {
        return imageIds[i];
    }

    public ImageItem image() {
        return image;
    }

    public long taskId() {
        return taskId;
    }

    /** The boxes of the task on this image (a read-only view). */
    public List<Box> boxes() {
        return List.copyOf(boxes);
    }

    public Optional<Box> box(long id) {
        return boxes.stream().filter(b -> b.id() == id).findFirst();
    }

    /** Draws a new box: HUMAN, accepted. */
    public Box add(long labelId, Rect r) {
        Rect c = r.clippedTo(image.widthPx(), image.heightPx());
        NewBox fresh = new NewBox(image.id(), taskId, labelId, c.x(), c.y(), Math.max(1, c.w()), Math.max(1, c.h()),
                Source.HUMAN, Double.NaN, ReviewStatus.ACCEPTED, author);
        Box box = stored(fresh, store.addBoxes(List.of(fresh))[0]);
        boxes.add(box);
        push(new BoxEdit.Add(box), false);
        return box;
    }

    /** The record of a box just added, built here rather than read back (the image may hold thousands). */
    private static Box stored(NewBox b, long id) {
        java.time.Instant now = java.time.Instant.now();
        return new Box(id, b.imageId(), b.taskId(), b.labelId(), b.x(), b.y(), b.w(), b.h(), b.source(), b.score(),
                b.status(), b.author(), now, now, b.crowd(), null, b.area(), b.flags(), 1);
    }

    /**
     * Pastes copies of boxes (from this image or another) as new HUMAN boxes, cut to this image, as one
     * undoable edit; returns the new boxes.
     */
    public List<Box> paste(List<Box> copied) {
        List<NewBox> fresh = new ArrayList<>();
        for (Box b : copied) {
            Rect c = new Rect(b.x(), b.y(), b.w(), b.h()).clippedTo(image.widthPx(), image.heightPx());
            if (c.w() >= 1 && c.h() >= 1) {
                fresh.add(new NewBox(image.id(), taskId, b.labelId(), c.x(), c.y(), c.w(), c.h(), Source.HUMAN,
                        Double.NaN, ReviewStatus.ACCEPTED, author));
            }
        }
        if (fresh.isEmpty()) {
            return List.of();
        }
        long[] ids = store.addBoxes(fresh);
        List<Box> added = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            added.add(stored(fresh.get(i), ids[i]));
        }
        boxes.addAll(added);
        push(new BoxEdit.Batch(added.stream().<BoxEdit>map(BoxEdit.Add::new).toList()), false);
        return added;
    }

    /** Moves a box (kept inside the image) or resizes it (cut at the image's edges). */
    public void reshape(long boxId, Rect r) {
        Box before = require(boxId);
        boolean moved = Math.abs(r.w() - before.w()) < 1e-9 && Math.abs(r.h() - before.h()) < 1e-9;
        Rect c = moved ? r.clampedTo(image.widthPx(), image.heightPx()) : r.clippedTo(image.widthPx(), image.heightPx());
        if (c.w() < 1 || c.h() < 1) {
            return;
        }
        push(new BoxEdit.Change(before, edited(before, c.x(), c.y(), c.w(), c.h(), before.labelId())), true);
    }

    public void relabel(long boxId, long labelId) {
        Box before = require(boxId);
        if (before.labelId() != labelId) {
            push(new BoxEdit.Change(before, edited(before, before.x(), before.y(), before.w(), before.h(), labelId)), true);
        }
    }

    public void delete(long boxId) {
        push(new BoxEdit.Delete(require(boxId)), true);
    }

    /** Accepts or rejects a box as it is (its source stays). */
    public void setStatus(long boxId, ReviewStatus status) {
        Box before = require(boxId);
        if (before.status() != status) {
            push(new BoxEdit.Change(before, before.with(before.x(), before.y(), before.w(), before.h(), before.labelId(),
                    before.source(), status, author)), true);
        }
    }

    /** Accepts every pending box scoring at least {@code score}, as one undoable edit; returns how many. */
    public int acceptAbove(double score) {
        List<BoxEdit> edits = new ArrayList<>();
        for (Box b : boxes) {
            if (b.status() == ReviewStatus.PENDING && b.hasScore() && b.score() >= score) {
                edits.add(new BoxEdit.Change(b, b.with(b.x(), b.y(), b.w(), b.h(), b.labelId(), b.source(),
                        ReviewStatus.ACCEPTED, author)));
            }
        }
        if (!edits.isEmpty()) {
            push(new BoxEdit.Batch(edits), true);
        }
        return edits.size();
    }

    public boolean undo() {
        BoxEdit e = undo.pollFirst();
        if (e == null) {
            return false;
        }
        stored(() -> e.undo(store, boxes));
        redo.push(e);
        return true;
    }

    public boolean redo() {
        BoxEdit e = redo.pollFirst();
        if (e == null) {
            return false;
        }
        stored(() -> e.apply(store, boxes));
        undo.push(e);
        return true;
    }

    /**
     * Runs a store write of the session; when someone else changed the box meanwhile (a team project), the session
     * takes the box as it is now and the refusal goes on to the caller, which tells the user.
     */
    private void stored(Runnable write) {
        try {
            write.run();
        } catch (StaleEditException stale) {
            boxes.replaceAll(b -> b.id() == stale.current().id() ? stale.current() : b);
            throw stale;
        }
    }

    public Map<ReviewStatus, Integer> counts() {
        Map<ReviewStatus, Integer> out = new EnumMap<>(ReviewStatus.class);
        for (ReviewStatus s : ReviewStatus.values()) {
            out.put(s, 0);
        }
        boxes.forEach(b -> out.merge(b.status(), 1, Integer::sum));
        return out;
    }

    public boolean isDone() {
        return done;
    }

    public void setDone(boolean done) {
        store.setImageDone(image.id(), taskId, done, author);
        this.done = done;
    }

    /** An edited box is a person's: accepted when they may judge boxes, left to a reviewer otherwise (team projects). */
    private Box edited(Box b, double x, double y, double w, double h, long labelId) {
        Source source = b.source() == Source.MODEL ? Source.HUMAN : b.source();
        return b.with(x, y, w, h, labelId, source, mayJudge ? ReviewStatus.ACCEPTED : b.status(), author);
    }

    private void push(BoxEdit e, boolean apply) {
        if (apply) {
            stored(() -> e.apply(store, boxes));
        }
        undo.push(e);
        redo.clear();
    }

    private Box require(long id) {
        return box(id).orElseThrow(() -> new IllegalArgumentException("no box " + id + " on this image"));
    }
}
