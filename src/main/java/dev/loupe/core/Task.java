package dev.loupe.core;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A named annotation task: the boxes of one source of truth (a human pass, a model run). */
public record Task(long id, String name, String description) {
    /** Prefix of tasks that cache a model's evaluation run (every box down to score 0.001): not annotations. */
    public static final String EVALUATION_PREFIX = "eval:";

    public Task {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
    }

    /** A model's evaluation output on the images it ran on; it says nothing about other images. */
    public boolean isEvaluationCache() {
        return name.startsWith(EVALUATION_PREFIX);
    }

    /** The ids of the evaluation caches among these tasks: boxes of theirs are not annotations. */
    public static Set<Long> evaluationCacheIds(Collection<Task> tasks) {
        return tasks.stream().filter(Task::isEvaluationCache).map(Task::id).collect(Collectors.toSet());
    }

    /** The task of this name among these, if there is one. */
    public static Optional<Task> named(Collection<Task> tasks, String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
