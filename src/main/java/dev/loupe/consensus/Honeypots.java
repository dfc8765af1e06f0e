package dev.loupe.consensus;

import dev.loupe.core.Assignment;
import dev.loupe.core.Box;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ReviewStatus;
import dev.loupe.review.StageSampler;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Honeypots: images whose truth is known, given unannounced to every annotator of a task beside their own work (on a
 * team project only admins may see which they are), and each annotator's accuracy on those they have marked done.
 */
public final class Honeypots {
    private final ProjectStore store;

    public Honeypots(ProjectStore store) {
        this.store = store;
    }

    /** One person's boxes on the honeypots they finished, against the truth. */
    public record Accuracy(String person, int images, TruthTally tally) {
    }

    /**
     * Draws {@code percent} of the dataset's images that have boxes in the truth task (with the seed), gives each to
     * every one of {@code people} in the task, and records them; returns the images.
     */
    public long[] plant(long taskId, long truthTaskId, long datasetId, double percent, long seed, List<String> people) {
        if (people.isEmpty()) {
            throw new IllegalArgumentException("plant honeypots for whom? name at least one person");
        }
        Set<Long> inDataset = new HashSet<>();
        for (long id : store.imageIds(ImageFilter.all(datasetId))) {
            inDataset.add(id);
        }
        long[] known = Arrays.stream(store.imagesOfTask(truthTaskId, null, null, null, null))
                .filter(inDataset::contains).sorted().toArray();
        if (known.length == 0) {
            throw new IllegalArgumentException("the truth task has no boxes on this dataset's images: nothing to plant");
        }
        long[] planted = StageSampler.sample(known, percent, seed);
        store.inTransaction(() -> {
            store.plantHoneypots(taskId, truthTaskId, planted);
            for (String person : people) {
                store.assignAlso(taskId, 0, planted, person);
            }
            return null;
        });
        return planted;
    }

    /** Each person's accuracy on the honeypots they have marked done, best F1 first. */
    public List<Accuracy> accuracy(long taskId, double iouThreshold) {
        Map<Long, String> labels = store.labelNames();
        Map<String, TruthTally> tallies = new TreeMap<>();
        Map<String, Integer> images = new HashMap<>();
        for (Map.Entry<Long, Long> pot : store.honeypots(taskId).entrySet()) {
            List<Box> all = store.boxes(pot.getKey());
            List<Shape> truth = shapes(all, pot.getValue(), null, labels);
            for (Assignment a : store.assignees(taskId, 0, pot.getKey())) {
                if (!a.finished()) {
                    continue;
                }
                List<Shape> theirs = shapes(all, taskId, a.assignee(), labels);
                ImageConsensus.againstTruth(theirs, truth, iouThreshold).values()
                        .forEach(t -> tallies.merge(a.assignee(), t, TruthTally::plus));
                tallies.putIfAbsent(a.assignee(), TruthTally.NONE);
                images.merge(a.assignee(), 1, Integer::sum);
            }
        }
        List<Accuracy> out = new ArrayList<>();
        tallies.forEach((person, t) -> out.add(new Accuracy(person, images.get(person), t)));
        out.sort((x, y) -> Double.compare(y.tally().f1(), x.tally().f1()));
        return out;
    }

    private static List<Shape> shapes(List<Box> boxes, long taskId, String author, Map<Long, String> labels) {
        return boxes.stream().filter(b -> b.taskId() == taskId && !b.crowd() && b.status() != ReviewStatus.REJECTED
                        && (author == null || author.equals(b.author())))
                .map(b -> new Shape(0, b.id(), labels.get(b.labelId()), b.x(), b.y(), b.w(), b.h(), b.score()))
                .toList();
    }
}
