package dev.loupe.testing;

import dev.loupe.jobs.JobContext;

import java.util.concurrent.atomic.AtomicLong;

/** A job context that asks the job to stop once it has reported progress a given number of times. */
public final class CancelAfter implements JobContext {
    private final long progressReports;
    private final AtomicLong seen = new AtomicLong();

    public CancelAfter(long progressReports) {
        this.progressReports = progressReports;
    }

    @Override
    public void progress(long done, long total) {
        seen.incrementAndGet();
    }

    @Override
    public void message(String text) {
    }

    @Override
    public void problem(String item, String reason) {
    }

    @Override
    public boolean isCancelled() {
        return seen.get() >= progressReports;
    }
}
