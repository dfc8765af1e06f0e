package dev.loupe.jobs;

/**
 * Long work that runs off the UI thread. Plain Java: it reports through its context and checks for
 * cancellation there; it never touches a UI toolkit.
 */
@FunctionalInterface
public interface Job<T> {
    T run(JobContext context) throws Exception;
}
