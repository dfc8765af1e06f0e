package dev.loupe.review;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.NewBox;
import dev.loupe.core.NewImage;
import dev.loupe.core.ReviewStage;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.store.SqlProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReviewStagesTest {
    @TempDir
    Path tmp;

    @Test
    void samplingTakesThePercentageRoundedUpDeterministicallyBySeed() {
        long[] ids = LongStream.rangeClosed(1, 200).toArray();
        long[] a = StageSampler.sample(ids, 10, 7);
        assertEquals(20, a.length);
        assertArrayEquals(a, StageSampler.sample(ids, 10, 7), "same seed, same sample");
        assertArrayEquals(a, StageSampler.sample(LongStream.rangeClosed(1, 200).map(i -> 201 - i).toArray(), 10, 7),
                "the order images arrive in does not matter");
        assertFalse(Arrays.equals(a, StageSampler.sample(ids, 10, 8)), "another seed, another sample");
        assertEquals(1, StageSampler.sample(new long[]{5, 9, 11}, 1, 1).length, "at least one image");
        assertEquals(3, StageSampler.sample(new long[]{5, 9, 11}, 100, 1).length);
        assertEquals(2, StageSampler.sample(new long[]{1, 2, 3}, 34, 1).length, "34% of 3 rounds up to 2");
        assertTrue(Arrays.stream(a).allMatch(i -> i >= 1 && i <= 200));
        assertEquals(20, Arrays.stream(a).distinct().count());
        assertThrows(IllegalArgumentException.class, () -> StageSampler.sample(ids, 0, 1));
    }

    @Test
    void aStageFlowAcceptsRejectsSendsBackAndCountsProgress() throws Exception {
        try (SqlProjectStore store = SqlProjectStore.open(tmp.resolve("loupe.db"))) {
            long ds = store.createDataset("d").id();
            List<NewImage> images = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                images.add(new NewImage("/i" + i + ".jpg", null, "i" + i + ".jpg", 100, 100, 1, String.format("%064d", i), 1));
            }
            long[] ids = store.addImages(ds, images);
            long task = store.task("gt", "").id();
            long person = store.label("person").id();
            long car = store.label("car").id();
            List<NewBox> boxes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                boxes.add(new NewBox(ids[i], task, i % 4 == 0 ? car : person, 1, 1, 10, 10, Source.HUMAN, Double.NaN,
                        ReviewStatus.ACCEPTED, i < 20 ? "ann" : "bob"));
            }
            store.addBoxes(boxes);
            ReviewStages stages = new ReviewStages(store);

            ReviewStage cars = stages.create(task, "cars", 50, "car", null, null, null, 1, "lead");
            assertEquals(5, store.stageImages(cars.id()).size(), "half of the 10 images with a car");
            ReviewStage bob = stages.create(task, "bob", 100, null, "bob", null, null, 1, "lead");
            assertEquals(20, store.stageImages(bob.id()).size());
            assertThrows(IllegalArgumentException.class,
                    () -> stages.create(task, "none", 10, null, "nobody", null, null, 1, "lead"));

            long first = store.stageImages(cars.id()).get(0).imageId();
            long second = store.stageImages(cars.id()).get(1).imageId();
            store.setImageDone(second, task, true, "ann");
            stages.judge(cars, first, ReviewStatus.ACCEPTED, "", "rev");
            stages.judge(cars, second, ReviewStatus.REJECTED, "the car box is loose", "rev");
            StageProgress p = stages.progress(cars);
            assertEquals(1, p.accepted());
            assertEquals(1, p.rejected());
            assertEquals(3, p.pending());
            assertFalse(store.isImageDone(second, task), "a rejected image goes back to annotation");
            assertEquals("[cars] the car box is loose", store.comments(second).get(0).text());
            assertEquals("rev", store.comments(second).get(0).author());
            assertEquals(ReviewStatus.REJECTED, store.stageImages(cars.id()).get(1).verdict());
            assertEquals(List.of("cars", "bob"), store.stages(task).stream().map(ReviewStage::name).toList());

            ReviewStage again = stages.create(task, "cars, second pass", 50, "car", null, null, null, 2, "lead");
            assertNotEquals(cars.id(), again.id());
            assertEquals(5, store.stageImages(again.id()).size(), "a later stage samples again");
            assertEquals(40, store.imageIds(ImageFilter.all(ds)).length);

            // a ranked stage takes the first images of the ranking among the eligible ones (here: the highest ids)
            ReviewStage ranked = stages.createRanked(task, "ranked", 20, "car", null, null, null,
                    (eligible, n) -> Arrays.stream(eligible).sorted().skip(eligible.length - n).toArray(), "lead");
            assertEquals(List.of(ids[32], ids[36]), store.stageImages(ranked.id()).stream()
                    .map(dev.loupe.core.StageImage::imageId).sorted().toList(), "20% of the 10 car images, ranked");
            assertThrows(IllegalArgumentException.class, () -> stages.createRanked(task, "bad", 0, null, null, null,
                    null, (eligible, n) -> {
                        throw new AssertionError("a bad percentage fails before any ranking work");
                    }, "lead"));
        }
    }
}
