package dev.loupe.core;

import java.time.Instant;

/** One sampled image of a review stage and the reviewer's verdict on it (null while undecided). */
public record StageImage(long stageId, long imageId, ReviewStatus verdict, String reviewer, Instant decidedAt) {
}
