package dev.loupe.jobs;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A job's own worker threads: one per core, daemons so a stuck one never holds the JVM open. */
public final class Workers {

    private Workers() {
    }

    public static ExecutorService pool(String name) {
        return Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** The future's value; a worker's unexpected failure comes back as the unchecked exception it was. */
    public static <T> T await(Future<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("a worker failed unexpectedly", e.getCause());
        }
    }
}
