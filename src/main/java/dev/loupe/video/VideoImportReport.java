package dev.loupe.video;

import dev.loupe.jobs.JobProblem;

import java.util.List;

/** Clips imported, frames added as images (and those already there), and clips skipped or cut short, with why. */
public record VideoImportReport(int clips, int frames, int alreadyThere, List<JobProblem> problems) {
}
