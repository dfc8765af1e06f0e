package dev.loupe.jobs;

/** What a running job sees of its runner: progress, per-item problems and cancellation. */
public interface JobContext {

    /** Reports {@code done} of {@code total} units; total may be -1 when unknown. */
    void progress(long done, long total);

    /** A short line describing the current step. */
    void message(String text);

    /** One item could not be processed; the job goes on. */
    void problem(String item, String reason);

    boolean isCancelled();

    /** Throws {@link JobCancelledException} when the user asked the job to stop. */
    default void checkCancelled() {
        if (isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new JobCancelledException();
        }
    }

    /** A context that ignores reports and is never cancelled (for direct service calls). */
    static JobContext silent() {
        return new JobContext() {
            @Override
            public void progress(long done, long total) {
            }

            @Override
            public void message(String text) {
            }

            @Override
            public void problem(String item, String reason) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }
}
