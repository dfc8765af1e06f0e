package dev.loupe.core;

/**
 * One person's share of a piece of work (annotating in a task, or judging in a review stage when {@code stageId} is
 * not 0): images assigned, and those not finished yet (not marked done; without a verdict).
 */
public record Workload(String assignee, long taskId, long stageId, int assigned, int open) {
}
