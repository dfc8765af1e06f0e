package dev.loupe.video;

import java.util.Objects;

/** Detect and track in every clip of a dataset, writing tracks and their boxes on the imported frames to a task. */
public record TrackRequest(String dataset, String task, TrackerConfig tracker, String author) {
    public TrackRequest {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(tracker, "tracker");
    }
}
