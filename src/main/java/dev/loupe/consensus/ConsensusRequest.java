package dev.loupe.consensus;

import java.util.List;
import java.util.Objects;

/**
 * A consensus run over a dataset.
 *
 * @param annotators whose boxes are compared and merged: tasks on a local project, or people's boxes in one task
 * @param outTask    the task the merged truth is written to (its earlier boxes on the dataset's images replaced)
 * @param truthTask  a task with known truth to score each annotator and the merged truth against, or null
 * @param routeBelow images whose agreement (F1) is below this go to a review stage of their own; null: none
 * @param author     who runs it (recorded on the merged boxes and the stage)
 */
public record ConsensusRequest(String dataset, List<Annotator> annotators, String outTask, String truthTask,
                               ConsensusConfig config, Double routeBelow, String author) {
    public ConsensusRequest {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(outTask, "outTask");
        Objects.requireNonNull(config, "config");
        annotators = List.copyOf(annotators);
        if (annotators.size() < 2) {
            throw new IllegalArgumentException("consensus needs at least two annotators, got " + annotators.size());
        }
        if (config.quorum() > annotators.size()) {
            throw new IllegalArgumentException("quorum " + config.quorum() + " is more than the " + annotators.size()
                    + " annotators");
        }
        if (routeBelow != null && !(routeBelow > 0 && routeBelow <= 1)) {
            throw new IllegalArgumentException("--route-below must be an agreement within (0, 1], was " + routeBelow);
        }
        if (outTask.equals(truthTask) || annotators.stream().anyMatch(a -> a.task().equals(outTask))) {
            throw new IllegalArgumentException("the merged truth needs a task of its own, not '" + outTask + "'");
        }
    }

    /**
     * One annotator: the boxes of {@code task}, or of {@code author} in it (null: every box of the task).
     *
     * @param name how reports call them
     */
    public record Annotator(String name, String task, String author) {
        public Annotator {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(task, "task");
        }

        /** Each task is one annotator (a local project's convention). */
        public static List<Annotator> tasks(List<String> tasks) {
            return tasks.stream().map(t -> new Annotator(t, t, null)).toList();
        }

        /** Each person is one annotator of the task (a team project's). */
        public static List<Annotator> people(String task, List<String> people) {
            return people.stream().map(p -> new Annotator(p, task, p)).toList();
        }
    }
}
