package dev.loupe.review;

import dev.loupe.core.Box;
import dev.loupe.core.Comment;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.NewBox;
import dev.loupe.core.NewImage;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.store.OutboxStatus;
import dev.loupe.store.SqlProjectStore;
import dev.loupe.testing.PrivatePostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A team project's server stopped the hard way ({@code pg_ctl stop -m immediate}) and started again while a person
 * reviews: every edit they saw stored reaches the server, in order, even across a desktop that quit meanwhile.
 */
class ServerRestartTest {
    @TempDir
    Path tmp;
    private PrivatePostgres server;
    private String url;

    @BeforeEach
    void startServer() throws Exception {
        server = PrivatePostgres.start();
        url = server.adminUrl().substring(0, server.adminUrl().indexOf('?'));
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** A store whose images are named, not stored: these tests are about edits. */
    private SqlProjectStore open(Path outbox) {
        SqlProjectStore store = SqlProjectStore.onServer(url, "loupe_ci", "", outbox, outbox.resolveSibling("images"));
        store.keepImagesOnServer(false);
        return store;
    }

    /** One image with {@code n} predicted boxes; returns the image id. */
    private static long[] oneImage(SqlProjectStore store, int n) {
        long ds = store.createDataset("d").id();
        store.addImages(ds, List.of(new NewImage("/a.jpg", null, "a.jpg", 1000, 800, 1, "a".repeat(64), 1)));
        long[] ids = store.imageIds(ImageFilter.all(ds));
        long task = store.task("pred", "").id();
        long person = store.label("person").id();
        List<NewBox> boxes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boxes.add(new NewBox(ids[0], task, person, 10 + i, 10, 50, 100, Source.MODEL, 0.9, ReviewStatus.PENDING, "m"));
        }
        store.addBoxes(boxes);
        return ids;
    }

    private static OutboxStatus waitUntilSent(SqlProjectStore store) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (store.outboxStatus().queued() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return store.outboxStatus();
    }

    @Test
    void editsMadeWhileTheServerIsDownAreKeptOnDiskAndSentWhenItIsBack() throws Exception {
        Path outbox = tmp.resolve("outbox.jsonl");
        try (SqlProjectStore store = open(outbox)) {
            long[] ids = oneImage(store, 2);
            long task = store.tasks().get(0).id();
            ReviewSession s = new ReviewSession(store, ids, 0, task, "ann");
            long moved = s.boxes().get(0).id();
            long deleted = s.boxes().get(1).id();
            long car = store.label("car").id();
            s.reshape(moved, new Rect(100, 100, 50, 100)); // stored at once
            Box drawnOnline = s.add(car, new Rect(700, 500, 40, 40)); // under a reserved id, stored at once
            assertEquals(700, store.boxes(ids[0]).stream().filter(b -> b.id() == drawnOnline.id()).findFirst()
                    .orElseThrow().x());
            assertEquals(0, store.outboxStatus().queued());

            server.stopImmediately();
            s.reshape(moved, new Rect(200, 100, 50, 100));
            s.relabel(moved, car);
            Box drawn = s.add(car, new Rect(500, 500, 80, 60));
            s.delete(deleted);
            s.acceptAbove(0.0); // a batch (one transaction) while away
            s.setDone(true);
            store.addComment(ids[0], null, "ann", "second person on the left");

            OutboxStatus away = store.outboxStatus();
            assertTrue(away.queued() >= 5, "the edits wait on this computer: " + away);
            assertNotNull(away.problem(), "the store says the server cannot be reached");
            assertEquals(away.queued(), Files.readAllLines(outbox).size(), "each waiting edit is on disk");

            server.startAgain();
            OutboxStatus back = waitUntilSent(store);
            assertEquals(0, back.queued(), "everything was sent: " + back);
            assertNull(back.problem());
            assertEquals(List.of(), back.refused());

            List<Box> stored = store.boxes(ids[0]);
            assertEquals(3, stored.size(), "the deleted box went, the drawn ones came: " + stored);
            Box m = stored.stream().filter(b -> b.id() == moved).findFirst().orElseThrow();
            assertEquals(200, m.x());
            assertEquals(car, m.labelId());
            assertEquals(Source.HUMAN, m.source());
            assertEquals(ReviewStatus.ACCEPTED, m.status());
            Box d = stored.stream().filter(b -> b.id() == drawn.id()).findFirst().orElseThrow();
            assertEquals(500, d.x());
            assertTrue(store.isImageDone(ids[0], task));
            assertEquals(1, store.comments(ids[0]).size());
            assertEquals(0, Files.readAllLines(outbox).size());
        }
    }

    @Test
    void editsLeftWhenTheDesktopQuitAreSentOnceWhenTheProjectOpensAgain() throws Exception {
        Path outbox = tmp.resolve("outbox.jsonl");
        long[] ids;
        long moved;
        try (SqlProjectStore store = open(outbox)) {
            ids = oneImage(store, 1);
            ReviewSession s = new ReviewSession(store, ids, 0, store.tasks().get(0).id(), "ann");
            moved = s.boxes().get(0).id();
            long person = store.label("person").id();
            server.stopImmediately();
            s.reshape(moved, new Rect(300, 100, 50, 100));
            s.add(person, new Rect(600, 600, 30, 30));
            store.addComment(ids[0], moved, "ann", "occluded");
        }
        List<String> kept = Files.readAllLines(outbox);
        assertEquals(3, kept.size(), "the desktop quit with three edits waiting");

        server.startAgain();
        try (SqlProjectStore store = open(outbox)) {
            assertEquals(List.of(), waitUntilSent(store).refused());
            assertEquals(2, store.boxes(ids[0]).size());
            assertEquals(300, store.boxes(ids[0]).stream().filter(b -> b.id() == moved).findFirst().orElseThrow().x());
        }
        // the desktop stopped after sending them but before forgetting them: opening again stores nothing twice
        Files.write(outbox, kept);
        try (SqlProjectStore store = open(outbox)) {
            OutboxStatus again = waitUntilSent(store);
            assertEquals(List.of(), again.refused(), "edits the server already holds are not refused as stale");
            assertEquals(2, store.boxes(ids[0]).size());
            List<Comment> comments = store.comments(ids[0]);
            assertEquals(1, comments.size(), "the comment is not stored twice: " + comments);
        }
    }

    @Test
    void theServerStoppedMidEditLosesNothingThePersonSawStored() throws Exception {
        Path outbox = tmp.resolve("outbox.jsonl");
        try (SqlProjectStore store = open(outbox)) {
            long[] ids = oneImage(store, 20);
            ReviewSession s = new ReviewSession(store, ids, 0, store.tasks().get(0).id(), "ann");
            List<Long> boxIds = s.boxes().stream().map(Box::id).toList();
            Map<Long, Double> acknowledged = new HashMap<>();
            AtomicBoolean editing = new AtomicBoolean(true);
            List<Throwable> failures = new ArrayList<>();
            Thread person = new Thread(() -> {
                int step = 0;
                while (editing.get()) {
                    long id = boxIds.get(step % boxIds.size());
                    double x = 100 + (step % 700);
                    try {
                        s.reshape(id, new Rect(x, 200, 50, 100));
                        acknowledged.put(id, x); // the edit returned: the person sees it stored
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                    step++;
                }
            });
            person.start();
            Thread.sleep(400);
            server.stopImmediately();
            Thread.sleep(1500);
            server.startAgain();
            Thread.sleep(1500);
            editing.set(false);
            person.join();

            assertEquals(List.of(), failures, "no edit failed: those made while the server was away waited");
            OutboxStatus after = waitUntilSent(store);
            assertEquals(0, after.queued());
            assertEquals(List.of(), after.refused());
            for (Box b : store.boxes(ids[0])) {
                assertEquals(acknowledged.get(b.id()), b.x(), 1e-9, "box " + b.id() + " holds its last stored edit");
            }
        }
    }
}
