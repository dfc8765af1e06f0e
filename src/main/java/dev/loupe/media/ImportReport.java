package dev.loupe.media;

import dev.loupe.jobs.JobProblem;

import java.util.List;

/**
 * What an image import did.
 *
 * @param found           image files and URLs considered
 * @param imported        newly added to the dataset
 * @param alreadyImported already in the dataset from an earlier (perhaps interrupted) run
 * @param duplicates      same content as an image already in the dataset
 * @param skipped         files and URLs that could not be used, each with the reason
 */
public record ImportReport(int found, int imported, int alreadyImported, int duplicates, List<JobProblem> skipped) {
    public ImportReport {
        skipped = List.copyOf(skipped);
    }
}
