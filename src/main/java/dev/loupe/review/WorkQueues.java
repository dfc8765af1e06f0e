package dev.loupe.review;

import dev.loupe.core.ReviewStage;
import dev.loupe.core.StageImage;
import dev.loupe.core.WorkItem;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Who does what next: an admin shares out a dataset's images (to annotate in a task) or a review stage's images (to
 * judge) among people; each person then walks their own open images, in order.
 */
public final class WorkQueues {
    private final ProjectStore store;

    public WorkQueues(ProjectStore store) {
        this.store = store;
    }

    /**
     * Shares the images among {@code people} in turn, in id order so each gets a spread of the dataset; with
     * {@code reassign} false, images someone already has stay theirs. Returns how many were assigned.
     */
    public int shareOut(long taskId, long stageId, long[] imageIds, List<String> people, boolean reassign) {
        return shareOut(taskId, stageId, imageIds, people, reassign, Overlap.NONE);
    }

    /**
     * As {@link #shareOut(long, long, long[], List, boolean)}, and the overlapped share of the images shared out goes to
     * the next {@code copies - 1} people in turn as well, each to annotate it on their own.
     */
    public int shareOut(long taskId, long stageId, long[] imageIds, List<String> people, boolean reassign,
                        Overlap overlap) {
        if (people.isEmpty()) {
            throw new IllegalArgumentException("assign to whom? name at least one person");
        }
        if (overlap.copies() > people.size()) {
            throw new IllegalArgumentException(overlap.copies() + " people per image, but only " + people.size()
                    + " named");
        }
        Set<Long> taken = reassign ? Set.of() : store.assignedImages(taskId, stageId);
        long[] free = Arrays.stream(imageIds).filter(id -> !taken.contains(id)).sorted().toArray();
        List<List<Long>> shares = new ArrayList<>();
        people.forEach(p -> shares.add(new ArrayList<>()));
        for (int i = 0; i < free.length; i++) {
            shares.get(i % people.size()).add(free[i]);
        }
        List<List<Long>> extra = new ArrayList<>();
        people.forEach(p -> extra.add(new ArrayList<>()));
        if (overlap.copies() > 1 && free.length > 0) {
            java.util.Set<Long> overlapped = new java.util.HashSet<>();
            for (long id : StageSampler.sample(free, overlap.percent(), overlap.seed())) {
                overlapped.add(id);
            }
            for (int i = 0; i < free.length; i++) {
                if (overlapped.contains(free[i])) {
                    for (int k = 1; k < overlap.copies(); k++) {
                        extra.get((i + k) % people.size()).add(free[i]);
                    }
                }
            }
        }
        store.inTransaction(() -> {
            for (int p = 0; p < people.size(); p++) {
                store.assign(taskId, stageId, shares.get(p).stream().mapToLong(Long::longValue).toArray(), people.get(p));
            }
            for (int p = 0; p < people.size(); p++) {
                store.assignAlso(taskId, stageId, extra.get(p).stream().mapToLong(Long::longValue).toArray(),
                        people.get(p));
            }
            return null;
        });
        return free.length;
    }

    /** Shares out a review stage's images to judge. */
    public int shareOut(ReviewStage stage, List<String> people, boolean reassign) {
        long[] ids = store.stageImages(stage.id()).stream().mapToLong(StageImage::imageId).toArray();
        return shareOut(stage.taskId(), stage.id(), ids, people, reassign);
    }

    /** The person's open images, in order. */
    public List<WorkItem> queue(String person) {
        return store.openWork(person);
    }

    /**
     * The person's next piece of work: the first open item's task and stage, and every open image of that same work
     * (what a review window walks); empty when nothing is open.
     */
    public java.util.Optional<Batch> next(String person) {
        List<WorkItem> open = queue(person);
        if (open.isEmpty()) {
            return java.util.Optional.empty();
        }
        WorkItem first = open.get(0);
        long[] ids = open.stream().filter(w -> w.taskId() == first.taskId() && w.stageId() == first.stageId())
                .mapToLong(WorkItem::imageId).toArray();
        return java.util.Optional.of(new Batch(first.taskId(), first.stageId(), ids, open.size()));
    }

    /** Open images of one piece of work, and how many are open in all. */
    public record Batch(long taskId, long stageId, long[] imageIds, int openInAll) {
    }
}
