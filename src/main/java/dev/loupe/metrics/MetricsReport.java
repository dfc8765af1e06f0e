package dev.loupe.metrics;

import dev.loupe.jobs.JobProblem;

import java.util.List;

/** What a metrics run computed and what was already current. */
public record MetricsReport(int imagesComputed, int boxesComputed, int imagesCurrent, List<JobProblem> skipped,
                            double seconds) {
}
