package dev.loupe.duplicates;

import dev.loupe.core.NearDuplicate;
import dev.loupe.jobs.JobProblem;

import java.util.List;

/** What a search for near-duplicates found: the pairs (most alike first), how many were checked, what was skipped. */
public record DuplicatesReport(int images, int candidates, List<NearDuplicate> pairs, List<JobProblem> skipped,
                               double seconds) {
}
