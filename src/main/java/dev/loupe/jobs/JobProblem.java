package dev.loupe.jobs;

/** One item a job had to skip, and why. */
public record JobProblem(String item, String reason) {
}
