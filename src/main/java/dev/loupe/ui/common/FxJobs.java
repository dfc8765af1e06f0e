package dev.loupe.ui.common;

import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobHandle;
import dev.loupe.jobs.JobListener;
import dev.loupe.jobs.JobRunner;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Adapts the plain-Java job runner to the FX thread: a list of rows for the jobs panel, refreshed at
 * most once per pulse however fast the jobs report.
 */
public final class FxJobs implements JobListener {
    private final JobRunner runner;
    private final ObservableList<JobRow> rows = FXCollections.observableArrayList();
    private final Map<Long, JobRow> byId = new ConcurrentHashMap<>();
    private final Map<Long, JobHandle<?>> dirty = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();

    public FxJobs(JobRunner runner) {
        this.runner = runner;
        runner.addListener(this);
    }

    public ObservableList<JobRow> rows() {
        return rows;
    }

    /** Submits a job; {@code onSuccess} runs on the FX thread with its result. Call on the FX thread. */
    public <T> JobHandle<T> submit(String name, Job<T> job, Consumer<T> onSuccess) {
        JobHandle<T> handle = runner.submit(name, job);
        JobRow row = new JobRow(handle);
        byId.put(handle.id(), row);
        rows.add(0, row);
        handle.result().thenAccept(value -> Platform.runLater(() -> onSuccess.accept(value)));
        changed(handle);
        return handle;
    }

    /** Removes finished jobs from the panel. */
    public void clearFinished() {
        rows.removeIf(r -> r.handle().state().isFinished());
    }

    @Override
    public void changed(JobHandle<?> job) {
        dirty.put(job.id(), job);
        if (refreshQueued.compareAndSet(false, true)) {
            Platform.runLater(this::refresh);
        }
    }

    private void refresh() {
        refreshQueued.set(false);
        for (Long id : dirty.keySet()) {
            dirty.remove(id);
            JobRow row = byId.get(id);
            if (row != null) {
                row.refresh();
            }
        }
    }
}
