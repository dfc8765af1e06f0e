package dev.loupe.review;

import dev.loupe.core.Box;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.NewBox;
import dev.loupe.core.NewImage;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.store.SqlProjectStore;
import dev.loupe.store.StaleEditException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReviewSessionTest {
    @TempDir
    Path tmp;

    private long[] setUp(SqlProjectStore store) {
        long ds = store.createDataset("d").id();
        store.addImages(ds, List.of(new NewImage("/a.jpg", null, "a.jpg", 640, 480, 1, "a".repeat(64), 1),
                new NewImage("/b.jpg", null, "b.jpg", 640, 480, 1, "b".repeat(64), 1)));
        long[] ids = store.imageIds(ImageFilter.all(ds));
        long task = store.task("pred", "").id();
        long person = store.label("person").id();
        store.addBoxes(List.of(
                new NewBox(ids[0], task, person, 10, 10, 50, 100, Source.MODEL, 0.9, ReviewStatus.PENDING, "model"),
                new NewBox(ids[0], task, person, 200, 10, 50, 100, Source.MODEL, 0.4, ReviewStatus.PENDING, "model")));
        return ids;
    }

    @Test
    void everyEditIsStoredAtOnceAndUndoRedoWalksItBack() {
        Path db = tmp.resolve("loupe.db");
        long boxId;
        try (SqlProjectStore store = SqlProjectStore.open(db)) {
            long[] ids = setUp(store);
            long task = store.tasks().get(0).id();
            long car = store.label("car").id();
            ReviewSession s = new ReviewSession(store, ids, 0, task, "ann");
            Box first = s.boxes().stream().filter(b -> b.score() > 0.5).findFirst().orElseThrow();
            boxId = first.id();

            s.reshape(boxId, new Rect(12, 14, 48, 90));
            Box edited = store.boxes(ids[0]).stream().filter(b -> b.id() == first.id()).findFirst().orElseThrow();
            assertEquals(12, edited.x());
            assertEquals(Source.HUMAN, edited.source(), "an edited prediction becomes a human box");
            assertEquals(Source.MODEL, edited.origin(), "and remembers it came from the model");
            assertEquals(ReviewStatus.ACCEPTED, edited.status());
            assertEquals(0.9, edited.score(), 1e-12);

            s.relabel(boxId, car);
            Box drawn = s.add(car, new Rect(300, 300, 400, 400)); // drawn past the 640x480 image: cut at its edges
            assertEquals(640, drawn.x() + drawn.w(), 1e-9);
            assertEquals(180, drawn.h(), 1e-9);
            s.reshape(drawn.id(), new Rect(500, 300, 340, 180)); // moved past the right edge: kept inside
            assertEquals(300, s.box(drawn.id()).orElseThrow().x(), 1e-9);
            s.undo();
            s.delete(drawn.id());
            assertEquals(2, store.boxes(ids[0]).size());

            assertTrue(s.undo()); // delete
            assertEquals(3, store.boxes(ids[0]).size());
            assertTrue(s.undo()); // add
            assertTrue(s.undo()); // relabel
            assertTrue(s.undo()); // reshape
            assertFalse(s.undo());
            Box original = store.boxes(ids[0]).stream().filter(b -> b.id() == first.id()).findFirst().orElseThrow();
            assertEquals(10, original.x());
            assertEquals(Source.MODEL, original.source());
            assertEquals(ReviewStatus.PENDING, original.status());
            assertTrue(s.redo());
            assertTrue(s.redo());
            assertEquals(car, store.boxes(ids[0]).stream().filter(b -> b.id() == first.id()).findFirst().orElseThrow().labelId());
        }
        try (SqlProjectStore store = SqlProjectStore.open(db)) {
            Box reopened = store.boxPage(dev.loupe.core.BoxQuery.inDataset(1), 0, 10).stream()
                    .filter(b -> b.id() == boxId).findFirst().orElseThrow();
            assertEquals(12, reopened.x(), "edits survive closing the project");
        }
    }

    @Test
    void acceptAboveAScoreIsOneEditAndRejectKeepsTheSource() {
        try (SqlProjectStore store = SqlProjectStore.open(tmp.resolve("loupe.db"))) {
            long[] ids = setUp(store);
            ReviewSession s = new ReviewSession(store, ids, 0, store.tasks().get(0).id(), "ann");
            assertEquals(1, s.acceptAbove(0.5));
            assertEquals(1, s.counts().get(ReviewStatus.ACCEPTED));
            Box low = s.boxes().stream().filter(b -> b.score() < 0.5).findFirst().orElseThrow();
            s.setStatus(low.id(), ReviewStatus.REJECTED);
            assertEquals(Source.MODEL, s.box(low.id()).orElseThrow().source());
            s.undo();
            s.undo();
            assertEquals(2, s.counts().get(ReviewStatus.PENDING));
            s.setDone(true);
            assertTrue(s.next());
            assertFalse(s.isDone());
            assertTrue(s.previous());
            assertTrue(s.isDone());
        }
    }

    @Test
    void twoReviewersOnOneImageNeverOverwriteEachOtherUnseen() {
        Path db = tmp.resolve("loupe.db");
        try (SqlProjectStore first = SqlProjectStore.open(db); SqlProjectStore second = SqlProjectStore.open(db)) {
            long[] ids = setUp(first);
            long task = first.tasks().get(0).id();
            ReviewSession mine = new ReviewSession(first, ids, 0, task, "ann");
            ReviewSession theirs = new ReviewSession(second, ids, 0, task, "bob");
            long box = mine.boxes().get(0).id();

            theirs.reshape(box, new Rect(20, 20, 60, 110));
            StaleEditException stale = assertThrows(StaleEditException.class,
                    () -> mine.reshape(box, new Rect(5, 5, 40, 90)));
            assertTrue(stale.getMessage().contains("bob"), stale.getMessage());
            Box shown = mine.box(box).orElseThrow();
            assertEquals(20, shown.x(), "the session now shows the other reviewer's box");
            mine.reshape(box, new Rect(5, 5, 40, 90));
            assertEquals(5, first.boxes(ids[0]).stream().filter(b -> b.id() == box).findFirst().orElseThrow().x(),
                    "an edit of what is now shown is stored");
            assertTrue(mine.undo(), "and can be undone");
            assertEquals(20, first.boxes(ids[0]).stream().filter(b -> b.id() == box).findFirst().orElseThrow().x());
        }
    }
}
