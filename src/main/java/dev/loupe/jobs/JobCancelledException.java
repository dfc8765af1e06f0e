package dev.loupe.jobs;

/** Thrown inside a job when it was cancelled; the runner records the job as CANCELLED, not FAILED. */
public class JobCancelledException extends RuntimeException {
    public JobCancelledException() {
        super("cancelled");
    }
}
