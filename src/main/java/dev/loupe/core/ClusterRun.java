package dev.loupe.core;

import java.time.Instant;
import java.util.List;

/** One clustering of a dataset's boxes: k, the seed, the settings (JSON) and every box's cluster and position. */
public record ClusterRun(long id, long datasetId, Instant createdAt, int k, long seed, String settings,
                         List<BoxCluster> boxes) {
    public ClusterRun {
        boxes = List.copyOf(boxes);
    }
}
