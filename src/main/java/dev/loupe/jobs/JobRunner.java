package dev.loupe.jobs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs jobs on named daemon threads (or on the caller's thread, for tests and the CLI) and tells its
 * listeners about every change. One runner serves the GUI's jobs panel and the CLI's progress bar alike.
 */
public final class JobRunner implements AutoCloseable {
    private final Executor executor;
    private final ExecutorService owned;
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();

    private JobRunner(Executor executor, ExecutorService owned) {
        this.executor = executor;
        this.owned = owned;
    }

    /** A runner with {@code threads} background threads named {@code loupe-job-N}. */
    public static JobRunner background(int threads) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "loupe-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new JobRunner(pool, pool);
    }

    /** A runner that runs each job to its end inside {@link #submit}. */
    public static JobRunner sameThread() {
        return new JobRunner(Runnable::run, null);
    }

    public void addListener(JobListener l) {
        listeners.add(l);
    }

    public void removeListener(JobListener l) {
        listeners.remove(l);
    }

    public <T> JobHandle<T> submit(String name, Job<T> job) {
        JobHandle<T> handle = new JobHandle<>(name, listeners);
        executor.execute(() -> handle.run(job));
        return handle;
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.shutdownNow();
            try {
                owned.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
