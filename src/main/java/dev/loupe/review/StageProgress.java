package dev.loupe.review;

import dev.loupe.core.ReviewStage;

/** How far a review stage has come. */
public record StageProgress(ReviewStage stage, int images, int accepted, int rejected) {

    public int pending() {
        return images - accepted - rejected;
    }
}
