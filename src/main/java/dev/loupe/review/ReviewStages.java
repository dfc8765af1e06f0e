package dev.loupe.review;

import dev.loupe.core.Label;
import dev.loupe.core.ReviewStage;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.StageImage;
import dev.loupe.store.ProjectStore;

import java.time.Instant;
import java.util.List;

/**
 * Review stages, as the reference platform's task reviews: a stage samples a share of a task's images;
 * reviewers accept or reject each image with a comment; a rejected image goes back to annotation (its
 * done mark is cleared) and later stages sample again.
 */
public final class ReviewStages {
    private final ProjectStore store;

    public ReviewStages(ProjectStore store) {
        this.store = store;
    }

    /**
     * Samples a new stage of a task. Label, annotator and dates narrow the images that can be drawn (null:
     * no narrowing); an unknown label is an error naming it.
     */
    public ReviewStage create(long taskId, String name, double percent, String label, String annotator, Instant since,
                              Instant until, long seed, String author) {
        Long labelId = labelId(label);
        long[] sample = StageSampler.sample(eligible(taskId, labelId, annotator, since, until), percent, seed);
        return store.createStage(new ReviewStage(0, taskId, name, percent, labelId, annotator, since, until, seed,
                author, Instant.now()), sample);
    }

    /**
     * As above, the stage taking the eligible images a ranking puts first (those most worth labelling, say) instead
     * of a random draw.
     */
    public ReviewStage createRanked(long taskId, String name, double percent, String label, String annotator,
                                    Instant since, Instant until, StageRanking ranking, String author) throws Exception {
        StageSampler.checkPercent(percent); // before any ranking work
        Long labelId = labelId(label);
        long[] eligible = eligible(taskId, labelId, annotator, since, until);
        long[] first = ranking.first(eligible, StageSampler.count(eligible.length, percent));
        return store.createStage(new ReviewStage(0, taskId, name, percent, labelId, annotator, since, until, 0,
                author, Instant.now()), first);
    }

    private long[] eligible(long taskId, Long labelId, String annotator, Instant since, Instant until) {
        long[] eligible = store.imagesOfTask(taskId, labelId, annotator, since == null ? null : since.toEpochMilli(),
                until == null ? null : until.toEpochMilli());
        if (eligible.length == 0) {
            throw new IllegalArgumentException("no images of this task match the stage's filters: nothing to review");
        }
        return eligible;
    }

    private Long labelId(String label) {
        if (label == null) {
            return null;
        }
        return store.labels().stream().filter(l -> l.name().equals(label)).map(Label::id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no label '" + label + "' in this project"));
    }

    /** A stage of exactly these images (say, those whose annotators disagreed), to be judged whole. */
    public ReviewStage route(long taskId, String name, long[] imageIds, String author) {
        if (imageIds.length == 0) {
            throw new IllegalArgumentException("no images to route into stage '" + name + "'");
        }
        return store.createStage(new ReviewStage(0, taskId, name, 100, null, null, null, null, 0, author, Instant.now()),
                imageIds);
    }

    /** A reviewer's verdict on one image, with an optional comment; a rejection sends the image back. */
    public void judge(ReviewStage stage, long imageId, ReviewStatus verdict, String comment, String reviewer) {
        if (verdict == ReviewStatus.PENDING) {
            throw new IllegalArgumentException("a verdict is ACCEPTED or REJECTED");
        }
        store.inTransaction(() -> {
            store.setVerdict(stage.id(), imageId, verdict, reviewer);
            if (comment != null && !comment.isBlank()) {
                store.addComment(imageId, null, reviewer, "[" + stage.name() + "] " + comment.strip());
            }
            if (verdict == ReviewStatus.REJECTED) {
                store.setImageDone(imageId, stage.taskId(), false, reviewer);
            }
            return null;
        });
    }

    public StageProgress progress(ReviewStage stage) {
        List<StageImage> images = store.stageImages(stage.id());
        int accepted = (int) images.stream().filter(i -> i.verdict() == ReviewStatus.ACCEPTED).count();
        int rejected = (int) images.stream().filter(i -> i.verdict() == ReviewStatus.REJECTED).count();
        return new StageProgress(stage, images.size(), accepted, rejected);
    }
}
