package dev.loupe.review;

import dev.loupe.core.Box;
import dev.loupe.store.ProjectStore;

import java.util.List;

/** One undoable edit of the boxes of an image; applied to the store at once (autosave). */
interface BoxEdit {

    /** Applies the edit; returns the boxes it leaves, replacing what it touched. */
    void apply(ProjectStore store, List<Box> boxes);

    void undo(ProjectStore store, List<Box> boxes);

    /**
     * A box changed from {@code before} to {@code after}. Each way is stored as an edit of the version the session
     * holds now, and the session then holds the box as stored.
     */
    record Change(Box before, Box after) implements BoxEdit {
        @Override
        public void apply(ProjectStore store, List<Box> boxes) {
            replace(boxes, store.updateBox(after.atVersion(heldVersion(boxes, after.id()))));
        }

        @Override
        public void undo(ProjectStore store, List<Box> boxes) {
            replace(boxes, store.updateBox(before.atVersion(heldVersion(boxes, before.id()))));
        }

        private static long heldVersion(List<Box> boxes, long id) {
            return boxes.stream().filter(b -> b.id() == id).findFirst().map(Box::version)
                    .orElseThrow(() -> new IllegalStateException("box " + id + " is not on this image"));
        }
    }

    /** A box added (first apply stores it; redo puts it back under the same id). */
    record Add(Box box) implements BoxEdit {
        @Override
        public void apply(ProjectStore store, List<Box> boxes) {
            store.restoreBox(box);
            boxes.add(box);
        }

        @Override
        public void undo(ProjectStore store, List<Box> boxes) {
            store.deleteBox(box.id());
            boxes.removeIf(b -> b.id() == box.id());
        }
    }

    /** A box deleted. */
    record Delete(Box box) implements BoxEdit {
        @Override
        public void apply(ProjectStore store, List<Box> boxes) {
            store.deleteBox(box.id());
            boxes.removeIf(b -> b.id() == box.id());
        }

        @Override
        public void undo(ProjectStore store, List<Box> boxes) {
            store.restoreBox(box);
            boxes.add(box);
        }
    }

    /**
     * Several edits made as one (accept all above a score). A transaction that fails leaves the boxes as they were, so
     * one run again (a team project's store keeps it for later when the server went away meanwhile) starts from them.
     */
    record Batch(List<BoxEdit> edits) implements BoxEdit {
        @Override
        public void apply(ProjectStore store, List<Box> boxes) {
            store.inTransaction(() -> allOrNothing(boxes, () -> edits.forEach(e -> e.apply(store, boxes))));
        }

        @Override
        public void undo(ProjectStore store, List<Box> boxes) {
            store.inTransaction(() -> allOrNothing(boxes, () -> {
                for (int i = edits.size() - 1; i >= 0; i--) {
                    edits.get(i).undo(store, boxes);
                }
            }));
        }

        private static Void allOrNothing(List<Box> boxes, Runnable work) {
            List<Box> before = List.copyOf(boxes);
            try {
                work.run();
            } catch (RuntimeException e) {
                boxes.clear();
                boxes.addAll(before);
                throw e;
            }
            return null;
        }
    }

    private static void replace(List<Box> boxes, Box b) {
        for (int i = 0; i < boxes.size(); i++) {
            if (boxes.get(i).id() == b.id()) {
                boxes.set(i, b);
                return;
            }
        }
    }
}
