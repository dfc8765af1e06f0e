package dev.loupe.consensus;

import dev.loupe.core.Assignment;
import dev.loupe.core.Dataset;
import dev.loupe.core.NewBox;
import dev.loupe.core.NewImage;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.core.Task;
import dev.loupe.jobs.JobContext;
import dev.loupe.review.Overlap;
import dev.loupe.review.Rect;
import dev.loupe.review.ReviewSession;
import dev.loupe.review.WorkQueues;
import dev.loupe.store.SqlProjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Overlapping work, blind annotation until an image closes, honeypots and their accuracy, on a real project file. */
class QualityControlTest {
    @TempDir
    Path tmp;
    private SqlProjectStore store;
    private long[] images;
    private Task task;
    private long person;

    @BeforeEach
    void project() {
        store = SqlProjectStore.open(tmp.resolve("loupe.db"));
        Dataset ds = store.createDataset("dev");
        List<NewImage> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(new NewImage("/d/" + i + ".jpg", null, i + ".jpg", 640, 480, 1, String.format("%064x", i), 1));
        }
        images = store.addImages(ds.id(), rows);
        task = store.task("boxes", "");
        person = store.label("person").id();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aSeededShareOfTheImagesGoesToSeveralPeopleEach() {
        int shared = new WorkQueues(store).shareOut(task.id(), 0, images, List.of("ann", "bob", "cy"), false,
                new Overlap(2, 25, 7));
        assertEquals(20, shared);
        int overlapped = 0;
        for (long image : images) {
            int people = store.assignees(task.id(), 0, image).size();
            assertTrue(people == 1 || people == 2, "one person, or two on an overlapped image: " + people);
            overlapped += people == 2 ? 1 : 0;
        }
        assertEquals(5, overlapped, "a quarter of 20");
        assertThrows(IllegalArgumentException.class, () -> new WorkQueues(store).shareOut(task.id(), 0, images,
                List.of("ann"), true, new Overlap(2, 25, 7)), "two people per image need two people");
    }

    @Test
    void eachSeesOnlyTheirOwnBoxesUntilEveryoneHasMarkedTheImageDone() {
        long image = images[0];
        store.assign(task.id(), 0, new long[]{image}, "ann");
        store.assignAlso(task.id(), 0, new long[]{image}, "bob");
        ReviewSession ann = new ReviewSession(store, new long[]{image}, 0, task.id(), "ann", false);
        ann.add(person, new Rect(10, 10, 50, 80));
        ReviewSession bob = new ReviewSession(store, new long[]{image}, 0, task.id(), "bob", false);
        assertTrue(bob.blind());
        assertTrue(bob.boxes().isEmpty(), "ann's box is hidden from bob while they annotate on their own");
        bob.add(person, new Rect(12, 10, 50, 80));
        ann.goTo(0);
        assertEquals(1, ann.boxes().size(), "and bob's from ann");

        ann.setDone(true);
        bob.setDone(true);
        ReviewSession after = new ReviewSession(store, new long[]{image}, 0, task.id(), "ann", false);
        assertFalse(after.blind());
        assertEquals(2, after.boxes().size(), "closed: everyone's boxes show");
        ReviewSession reviewer = new ReviewSession(store, new long[]{image}, 0, task.id(), "rita", true);
        assertFalse(reviewer.blind(), "someone not annotating it sees it whole");
    }

    @Test
    void honeypotsReachEveryQueueAndScoreEachPersonOnThoseTheyFinished() {
        long truth = store.task("truth", "").id();
        List<NewBox> known = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // truth on half the images, two boxes each
            known.add(new NewBox(images[i], truth, person, 10, 10, 50, 80, Source.HUMAN, Double.NaN,
                    ReviewStatus.ACCEPTED, "expert"));
            known.add(new NewBox(images[i], truth, person, 200, 100, 60, 60, Source.HUMAN, Double.NaN,
                    ReviewStatus.ACCEPTED, "expert"));
        }
        store.addBoxes(known);
        new WorkQueues(store).shareOut(task.id(), 0, images, List.of("ann", "bob"), false);
        long[] planted = new Honeypots(store).plant(task.id(), truth, 1, 20, 3, List.of("ann", "bob"));
        assertEquals(2, planted.length, "20% of the 10 images with truth");
        for (long pot : planted) {
            assertTrue(pot <= images[9], "only images whose truth is known");
            List<String> people = store.assignees(task.id(), 0, pot).stream().map(Assignment::assignee).toList();
            assertEquals(List.of("ann", "bob"), people, "in everyone's queue");
        }
        assertArrayEquals(planted, new Honeypots(store).plant(task.id(), truth, 1, 20, 3, List.of("ann", "bob")),
                "the seed draws the same images");

        // ann finds both objects on the first honeypot; bob finds one of them, a little off, plus a box on nothing
        ReviewSession ann = new ReviewSession(store, planted, 0, task.id(), "ann", false);
        ann.add(person, new Rect(10, 10, 50, 80));
        ann.add(person, new Rect(200, 100, 60, 60));
        ann.setDone(true);
        ReviewSession bob = new ReviewSession(store, planted, 0, task.id(), "bob", false);
        bob.add(person, new Rect(14, 10, 50, 80));
        bob.add(person, new Rect(400, 300, 30, 30));
        bob.setDone(true);

        List<Honeypots.Accuracy> scores = new Honeypots(store).accuracy(task.id(), 0.5);
        assertEquals(List.of("ann", "bob"), scores.stream().map(Honeypots.Accuracy::person).toList());
        assertEquals(new TruthTally(2, 2, 2, 2.0), scores.get(0).tally());
        assertEquals(1, scores.get(0).images(), "the second honeypot is not done yet: not counted");
        TruthTally b = scores.get(1).tally();
        assertEquals(0.5, b.precision(), 1e-9);
        assertEquals(0.5, b.recall(), 1e-9);
        assertEquals(46.0 / 54.0, b.meanIou(), 1e-9, "50x80 boxes 4 px apart: 46x80 over 54x80");
    }

    @Test
    void consensusComparesThePeopleOfOneTaskOnTheImagesTheyShared() throws Exception {
        long image = images[0];
        store.addBoxes(List.of(
                new NewBox(image, task.id(), person, 10, 10, 50, 80, Source.HUMAN, Double.NaN, ReviewStatus.PENDING, "ann"),
                new NewBox(image, task.id(), person, 12, 10, 50, 80, Source.HUMAN, Double.NaN, ReviewStatus.PENDING, "bob"),
                new NewBox(image, task.id(), person, 300, 10, 50, 80, Source.HUMAN, Double.NaN, ReviewStatus.PENDING,
                        "bob")));
        ConsensusReport report = new ConsensusJob(store, new ConsensusRequest("dev",
                ConsensusRequest.Annotator.people("boxes", List.of("ann", "bob")), "merged", null,
                new ConsensusConfig(0.5, 2, ConsensusConfig.Fusion.MEAN), null, "admin")).run(JobContext.silent());
        assertEquals(1, report.mergedBoxes());
        assertEquals(1, report.belowQuorum(), "bob's second box alone");
        assertEquals(new Tally(1, 3, 48.0 / 52.0), report.annotators().get(0).vsOthers());
        assertEquals(1, report.annotators().get(0).boxes());
        assertEquals(2, report.annotators().get(1).boxes());
        assertEquals(20, report.imageIds().length, "no work shared out: every image compared");

        // once the work is shared out with an overlap, only the images both had are compared
        store.assign(task.id(), 0, images, "ann");
        store.assignAlso(task.id(), 0, new long[]{images[0], images[1]}, "bob");
        ConsensusReport overlap = new ConsensusJob(store, new ConsensusRequest("dev",
                ConsensusRequest.Annotator.people("boxes", List.of("ann", "bob")), "merged", null,
                new ConsensusConfig(0.5, 2, ConsensusConfig.Fusion.MEAN), 0.5, "admin")).run(JobContext.silent());
        assertArrayEquals(new long[]{images[0], images[1]}, java.util.Arrays.stream(overlap.imageIds()).sorted().toArray());
        assertEquals(0, overlap.routed(), "image 1, where neither drew, agrees; image 0 is at 0.67");
    }
}
