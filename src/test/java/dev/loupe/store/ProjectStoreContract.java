package dev.loupe.store;

import dev.loupe.core.Box;
import dev.loupe.core.BoxQuery;
import dev.loupe.core.Dataset;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Label;
import dev.loupe.core.NewBox;
import dev.loupe.core.NearDuplicate;
import dev.loupe.core.NewImage;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.core.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every project store does, on the embedded SQLite file and on a PostgreSQL server alike: each store's test
 * class opens its own kind, the same tests run on both.
 */
abstract class ProjectStoreContract {

    /** Opens the test's project (again: a second open sees what the first stored). */
    abstract SqlProjectStore open();

    /** The author a store records for a box written with {@code claimed} as its author. */
    abstract String recordedAuthor(String claimed);

    static NewImage image(int n) {
        return new NewImage("/data/img" + n + ".jpg", null, "img" + n + ".jpg", 640, 480, 1,
                String.format("%064x", n), 1000 + n);
    }

    @Test
    void storesAndReadsBackEveryKindOfRecordAcrossReopen() {
        long imageId;
        long boxId;
        try (SqlProjectStore store = open()) {
            Dataset ds = store.createDataset("dev");
            imageId = store.addImages(ds.id(), List.of(image(1)))[0];
            Label person = store.label("person");
            Task task = store.task("coco", "official boxes");
            boxId = store.addBoxes(List.of(new NewBox(imageId, task.id(), person.id(), 10.5, 20, 30, 40,
                    Source.MODEL, 0.87, ReviewStatus.PENDING, "yolox")))[0];
            store.setStatus(boxId, ReviewStatus.ACCEPTED, "ann");
            store.addComment(imageId, boxId, "ann", "box is a bit loose");
        }
        try (SqlProjectStore store = open()) {
            assertTrue(store.schemaVersion() > 0);
            ImageItem im = store.image(imageId).orElseThrow();
            assertEquals("img1.jpg", im.fileName());
            assertEquals(640, im.widthPx());
            Box b = store.boxes(imageId).get(0);
            assertEquals(boxId, b.id());
            assertEquals(10.5, b.x());
            assertEquals(0.87, b.score(), 1e-12);
            assertEquals(ReviewStatus.ACCEPTED, b.status());
            assertEquals(recordedAuthor("ann"), b.author());
            assertEquals("box is a bit loose", store.comments(imageId).get(0).text());
            assertEquals(boxId, store.comments(imageId).get(0).boxId());
            assertEquals("official boxes", store.tasks().get(0).description());
            assertEquals(1, store.summary(im.datasetId()).boxesByStatus().get(ReviewStatus.ACCEPTED));
        }
    }

    @Test
    void labelsAndTasksAreCreatedOnceByName() {
        try (SqlProjectStore store = open()) {
            assertEquals(store.label("car").id(), store.label("car").id());
            assertEquals(store.task("t", "a").id(), store.task("t", "b").id());
            assertEquals(1, store.labels().size());
            for (String bad : List.of("per\nson", "tab\tbed", "", "  ")) {
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> store.label(bad),
                        bad);
            }
            assertEquals(1, store.labels().size(), "no label with a control character is ever stored");
        }
    }

    @Test
    void aFailingBatchStoresNothing() {
        try (SqlProjectStore store = open()) {
            Dataset ds = store.createDataset("dev");
            store.addImages(ds.id(), List.of(image(1)));
            // the second image repeats the first one's hash: the unique constraint fails the whole batch
            assertThrows(StoreException.class, () -> store.addImages(ds.id(), List.of(image(2), image(1))));
            assertEquals(1, store.countImages(ImageFilter.all(ds.id())));
        }
    }

    @Test
    void filtersAndKeysetPagesImagesByTheirBoxes() {
        try (SqlProjectStore store = open()) {
            Dataset ds = store.createDataset("dev");
            Dataset other = store.createDataset("other");
            List<NewImage> images = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                images.add(image(i));
            }
            long[] ids = store.addImages(ds.id(), images);
            store.addImages(other.id(), List.of(image(1000)));
            Label person = store.label("person");
            Label car = store.label("car");
            Task task = store.task("t", "");
            List<NewBox> boxes = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                // every image has a person; every 5th also an accepted car from a model with score i/50
                boxes.add(new NewBox(ids[i], task.id(), person.id(), 1, 1, 5, 5, Source.HUMAN, Double.NaN,
                        ReviewStatus.PENDING, ""));
                if (i % 5 == 0) {
                    boxes.add(new NewBox(ids[i], task.id(), car.id(), 1, 1, 5, 5, Source.MODEL, i / 50.0,
                            ReviewStatus.ACCEPTED, ""));
                }
            }
            store.addBoxes(boxes);

            assertEquals(50, store.countImages(ImageFilter.all(ds.id())));
            ImageFilter cars = new ImageFilter(ds.id(), null, car.id(), null);
            assertEquals(10, store.countImages(cars));
            assertEquals(10, store.imageIds(new ImageFilter(ds.id(), ReviewStatus.ACCEPTED, null, Source.MODEL)).length);
            assertEquals(0, store.countImages(new ImageFilter(ds.id(), ReviewStatus.REJECTED, null, null)));
            assertEquals(0, store.countImages(new ImageFilter(ds.id(), ReviewStatus.ACCEPTED, person.id(), null)));

            List<ImageItem> first = store.imagePage(cars, 0, 4);
            List<ImageItem> second = store.imagePage(cars, first.get(3).id(), 4);
            assertEquals(List.of(ids[0], ids[5], ids[10], ids[15]), first.stream().map(ImageItem::id).toList());
            assertEquals(ids[20], second.get(0).id());
            assertArrayEquals(new long[]{ids[0], ids[5]},
                    store.images(new long[]{ids[0], 999_999, ids[5]}).stream().mapToLong(ImageItem::id).toArray());

            BoxQuery q = BoxQuery.inDataset(ds.id());
            assertEquals(60, store.countBoxes(q));
            assertEquals(10, store.countBoxes(q.withSource(Source.MODEL)));
            // scores 0.0, 0.1, ..., 0.9: five of them in [0.5, 0.9]; unscored boxes never match a bound
            assertEquals(5, store.countBoxes(q.withScoreRange(0.5, 0.9)));
            assertEquals(50, store.countBoxes(q.withLabel(person.id())));
            List<Box> page = store.boxPage(q.withLabel(car.id()), 0, 3);
            assertEquals(3, page.size());
            assertTrue(page.get(0).id() < page.get(1).id());
            assertEquals(7, store.boxPage(q.withLabel(car.id()), page.get(2).id(), 100).size());
        }
    }

    @Test
    void aTransactionKeepsAllItsWritesOrNone() {
        try (SqlProjectStore store = open()) {
            Dataset ds = store.createDataset("dev");
            long img = store.addImages(ds.id(), List.of(image(1)))[0];
            assertThrows(IllegalStateException.class, () -> store.inTransaction(() -> {
                Task t = store.task("gt", "");
                Label l = store.label("person");
                store.addBoxes(List.of(new NewBox(img, t.id(), l.id(), 0, 0, 5, 5, Source.HUMAN, Double.NaN,
                        ReviewStatus.ACCEPTED, "", true)));
                throw new IllegalStateException("bad line 7");
            }));
            assertEquals(List.of(), store.tasks());
            assertEquals(List.of(), store.labels());
            assertEquals(0, store.countBoxes(BoxQuery.inDataset(ds.id())));

            long kept = store.inTransaction(() -> {
                Task t = store.task("gt", "");
                Label l = store.label("person");
                store.addBoxes(List.of(new NewBox(img, t.id(), l.id(), 0, 0, 5, 5, Source.HUMAN, Double.NaN,
                        ReviewStatus.ACCEPTED, "", true)));
                return t.id();
            });
            assertTrue(store.boxes(img).get(0).crowd());
            assertEquals(1, store.deleteBoxes(kept, new long[]{img}));
            assertEquals(0, store.boxes(img).size());
        }
    }

    @Test
    void nearDuplicatesAreReplacedPerDatasetAndReadMostAlikeFirst() {
        try (SqlProjectStore store = open()) {
            Dataset one = store.createDataset("one");
            Dataset two = store.createDataset("two");
            long[] a = store.addImages(one.id(), List.of(image(1), image(2), image(3)));
            long[] b = store.addImages(two.id(), List.of(image(4), image(5)));
            store.saveNearDuplicates(one.id(), List.of(NearDuplicate.of(a[1], a[0], 20)));
            store.saveNearDuplicates(two.id(), List.of(NearDuplicate.of(b[0], b[1], 30)));
            store.saveNearDuplicates(one.id(), List.of(NearDuplicate.of(a[0], a[1], 15),
                    NearDuplicate.of(a[2], a[1], 90)));
            assertEquals(List.of(NearDuplicate.of(a[1], a[2], 90), NearDuplicate.of(a[0], a[1], 15)),
                    store.nearDuplicates(one.id()), "the second search replaced the first");
            assertEquals(List.of(NearDuplicate.of(b[0], b[1], 30)), store.nearDuplicates(two.id()), "other dataset kept");
        }
    }

    @Test
    void readsMoreImagesByIdThanOneStatementTakes() {
        try (SqlProjectStore store = open()) {
            Dataset ds = store.createDataset("big");
            List<NewImage> images = new ArrayList<>();
            for (int i = 0; i < 260_000; i++) {
                images.add(image(i));
            }
            store.addImages(ds.id(), images);
            long[] ids = store.imageIds(ImageFilter.all(ds.id()));
            List<ImageItem> all = store.images(ids);
            assertEquals(260_000, all.size());
            assertEquals(ids[259_999], all.get(259_999).id(), "in the order asked");
        }
    }

    @Test
    void anEditOfABoxSomeoneChangedSinceIsRefusedWithTheBoxAsItIsNow() {
        try (SqlProjectStore mine = open(); SqlProjectStore theirs = open()) {
            Dataset ds = mine.createDataset("dev");
            long img = mine.addImages(ds.id(), List.of(image(1)))[0];
            Label person = mine.label("person");
            Task task = mine.task("gt", "");
            mine.addBoxes(List.of(new NewBox(img, task.id(), person.id(), 10, 10, 20, 20, Source.HUMAN, Double.NaN,
                    ReviewStatus.PENDING, "ann")));
            Box read = mine.boxes(img).get(0);

            Box moved = theirs.updateBox(theirs.boxes(img).get(0).with(30, 10, 20, 20, person.id(), Source.HUMAN,
                    ReviewStatus.PENDING, "them"));
            assertEquals(read.version() + 1, moved.version());
            StaleEditException stale = assertThrows(StaleEditException.class, () -> mine.updateBox(
                    read.with(10, 50, 20, 20, person.id(), Source.HUMAN, ReviewStatus.PENDING, "me")));
            assertEquals(30, stale.current().x(), "the box as the other edit left it");
            assertTrue(stale.getMessage().contains(recordedAuthor("them")), stale.getMessage());
            assertEquals(30, mine.boxes(img).get(0).x(), "nothing of the refused edit is stored");

            Box again = mine.updateBox(stale.current().with(30, 50, 20, 20, person.id(), Source.HUMAN,
                    ReviewStatus.ACCEPTED, "me"));
            assertEquals(50, again.y());
            assertEquals(ReviewStatus.ACCEPTED, again.status());
            assertEquals(moved.version() + 1, again.version(), "an edit of the stored version goes through");
        }
    }

    @Test
    void anImageGivenToSeveralPeopleIsOpenForEachUntilTheyMarkItDone() {
        try (SqlProjectStore store = open()) {
            Dataset ds = store.createDataset("dev");
            long[] ids = store.addImages(ds.id(), List.of(image(1), image(2)));
            Task task = store.task("coco", "");
            store.assign(task.id(), 0, ids, "ann");
            store.assignAlso(task.id(), 0, new long[]{ids[0]}, "bob");
            assertEquals(List.of(new dev.loupe.core.Assignment("ann", false), new dev.loupe.core.Assignment("bob", false)),
                    store.assignees(task.id(), 0, ids[0]));

            store.setImageDone(ids[0], task.id(), true, "ann");
            assertEquals(List.of(ids[1]), store.openWork("ann").stream().map(w -> w.imageId()).toList());
            assertEquals(List.of(ids[0]), store.openWork("bob").stream().map(w -> w.imageId()).toList(),
                    "ann's done mark does not finish bob's own annotation");
            store.setImageDone(ids[0], task.id(), true, "bob");
            assertTrue(store.assignees(task.id(), 0, ids[0]).stream().allMatch(dev.loupe.core.Assignment::finished));

            assertEquals(java.util.Set.of(ids[0]), store.doneImages(task.id()));
            store.setImageDone(ids[0], task.id(), false, "reviewer"); // sent back
            assertEquals(java.util.Set.of(), store.doneImages(task.id()));
            assertEquals(2, store.assignees(task.id(), 0, ids[0]).stream().filter(a -> !a.finished()).count(),
                    "sent back, it is open again for everyone who had it");

            Task truth = store.task("truth", "");
            store.plantHoneypots(task.id(), truth.id(), new long[]{ids[1]});
            assertEquals(java.util.Map.of(ids[1], truth.id()), store.honeypots(task.id()));
        }
    }

    @Test
    void workIsSharedOutAndEachPersonsQueueHoldsWhatIsStillOpen() {
        try (SqlProjectStore store = open()) {
            Dataset ds = store.createDataset("dev");
            long[] ids = store.addImages(ds.id(), List.of(image(1), image(2), image(3), image(4)));
            Task task = store.task("coco", "");
            dev.loupe.review.WorkQueues queues = new dev.loupe.review.WorkQueues(store);
            assertEquals(4, queues.shareOut(task.id(), 0, ids, List.of("ann", "bob"), false));
            assertEquals(0, queues.shareOut(task.id(), 0, ids, List.of("eve"), false), "everything had someone");
            assertEquals(List.of(ids[0], ids[2]), queues.queue("ann").stream().map(w -> w.imageId()).toList());

            store.setImageDone(ids[0], task.id(), true, "ann");
            assertEquals(List.of(ids[2]), queues.queue("ann").stream().map(w -> w.imageId()).toList(),
                    "an image marked done leaves the queue");

            dev.loupe.core.ReviewStage stage = store.createStage(new dev.loupe.core.ReviewStage(0, task.id(), "qa", 100,
                    null, null, null, null, 1, "admin", java.time.Instant.now()), new long[]{ids[1], ids[3]});
            assertEquals(2, queues.shareOut(stage, List.of("ann"), false));
            store.setVerdict(stage.id(), ids[1], ReviewStatus.ACCEPTED, "ann");
            List<dev.loupe.core.WorkItem> open = queues.queue("ann");
            assertEquals(2, open.size(), "one image to annotate, one to judge: " + open);
            assertEquals(new dev.loupe.core.WorkItem(ids[3], task.id(), stage.id()), open.get(1));
            assertEquals(List.of(ids[2]), queues.next("ann").map(b -> java.util.Arrays.stream(b.imageIds()).boxed()
                    .toList()).orElseThrow(), "the next piece of work is the first one still open");

            assertEquals(4, queues.shareOut(task.id(), 0, ids, List.of("eve"), true), "reassigned, all of them");
            assertTrue(queues.queue("bob").isEmpty());
            List<dev.loupe.core.Workload> loads = store.workloads();
            assertEquals(List.of(new dev.loupe.core.Workload("eve", task.id(), 0, 4, 3),
                    new dev.loupe.core.Workload("ann", task.id(), stage.id(), 2, 1)), loads);
        }
    }
}
