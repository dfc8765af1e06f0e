package dev.loupe.core;

/**
 * An image assigned to a person: to annotate in a task ({@code stageId} 0) or to judge in a review stage.
 */
public record WorkItem(long imageId, long taskId, long stageId) {
    public boolean isReview() {
        return stageId != 0;
    }
}
