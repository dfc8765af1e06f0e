package dev.loupe.core;

import java.util.Map;

/** Counts for one dataset: images (of which augmented copies), and boxes by source and by review status. */
public record DatasetSummary(Dataset dataset, long images, long augmented, long boxes, Map<Source, Long> boxesBySource,
                             Map<ReviewStatus, Long> boxesByStatus) {
    public DatasetSummary {
        boxesBySource = Map.copyOf(boxesBySource);
        boxesByStatus = Map.copyOf(boxesByStatus);
    }
}
