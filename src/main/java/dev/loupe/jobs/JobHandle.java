package dev.loupe.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/** A submitted job as the outside sees it: state, progress, problems, result, and a way to cancel it. */
public final class JobHandle<T> {
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final String name;
    private final List<JobListener> listeners;
    private final List<JobProblem> problems = new CopyOnWriteArrayList<>();
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private volatile JobState state = JobState.QUEUED;
    private volatile long done;
    private volatile long total = -1;
    private volatile String message = "";
    private volatile boolean cancelRequested;
    private volatile Thread worker;
    private volatile Throwable error;

    JobHandle(String name, List<JobListener> listeners) {
        this.name = name;
        this.listeners = listeners;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public JobState state() {
        return state;
    }

    public long done() {
        return done;
    }

    public long total() {
        return total;
    }

    /** Fraction done in 0..1, or -1 when the total is unknown. */
    public double fraction() {
        long t = total;
        return t <= 0 ? -1 : Math.min(1.0, (double) done / t);
    }

    public String message() {
        return message;
    }

    public List<JobProblem> problems() {
        return List.copyOf(problems);
    }

    /** Why the job failed, or null. */
    public Throwable error() {
        return error;
    }

    public CompletableFuture<T> result() {
        return result;
    }

    /** Waits for the job and returns its result; a failure or cancellation is rethrown. */
    public T await() throws InterruptedException, ExecutionException {
        return result.get();
    }

    /** Asks the job to stop at its next check; a job that has not started will not start. */
    public void cancel() {
        cancelRequested = true;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }

    void run(Job<T> job) {
        if (cancelRequested) {
            finish(JobState.CANCELLED, null, new JobCancelledException());
            return;
        }
        worker = Thread.currentThread();
        state = JobState.RUNNING;
        fire();
        try {
            T value = job.run(new Context());
            worker = null;
            Thread.interrupted();
            if (cancelRequested) {
                finish(JobState.CANCELLED, null, new JobCancelledException());
            } else {
                finish(JobState.SUCCEEDED, value, null);
            }
        } catch (JobCancelledException e) {
            finish(JobState.CANCELLED, null, e);
        } catch (InterruptedException e) {
            finish(cancelRequested ? JobState.CANCELLED : JobState.FAILED, null, e);
        } catch (Exception | Error e) {
            finish(cancelRequested && isInterruptFallout(e) ? JobState.CANCELLED : JobState.FAILED, null, e);
        } finally {
            worker = null;
            Thread.interrupted();
        }
    }

    /** Interrupting I/O to cancel makes it fail with channel or interrupt exceptions: those are cancellation. */
    private static boolean isInterruptFallout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.ClosedByInterruptException || t instanceof InterruptedException
                    || t instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    private void finish(JobState end, T value, Throwable failure) {
        state = end;
        if (end == JobState.SUCCEEDED) {
            message = "done";
            result.complete(value);
        } else {
            error = end == JobState.FAILED ? failure : null;
            message = end == JobState.CANCELLED ? "cancelled" : String.valueOf(failure.getMessage());
            result.completeExceptionally(failure);
        }
        fire();
    }

    private void fire() {
        for (JobListener l : new ArrayList<>(listeners)) {
            l.changed(this);
        }
    }

    private final class Context implements JobContext {
        @Override
        public void progress(long d, long t) {
            done = d;
            total = t;
            fire();
        }

        @Override
        public void message(String text) {
            message = text;
            fire();
        }

        @Override
        public void problem(String item, String reason) {
            problems.add(new JobProblem(item, reason));
            fire();
        }

        @Override
        public boolean isCancelled() {
            return cancelRequested;
        }
    }
}
