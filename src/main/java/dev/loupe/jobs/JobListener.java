package dev.loupe.jobs;

/** Hears about every change of a job: state, progress, message or a new problem. Called on the job's thread. */
@FunctionalInterface
public interface JobListener {
    void changed(JobHandle<?> job);
}
