package dev.loupe.inference;

import dev.loupe.jobs.JobProblem;

import java.util.List;
import java.util.Map;

/**
 * What a pre-annotation run did.
 *
 * @param stageMillis total time per stage summed over threads: decode, preprocess, inference, store
 */
public record PreannotateReport(int images, int alreadyDone, int boxes, List<JobProblem> skipped, double seconds,
                                Map<String, Double> stageMillis) {
    public double imagesPerSecond() {
        return seconds <= 0 ? 0 : images / seconds;
    }
}
