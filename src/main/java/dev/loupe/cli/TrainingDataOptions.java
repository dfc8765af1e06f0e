package dev.loupe.cli;

import dev.loupe.store.ProjectStore;
import dev.loupe.train.TrainableLabels;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** What {@code train} and {@code tao-bundle} train on: a project's dataset, its ground-truth task, the classes. */
final class TrainingDataOptions {

    @Parameters(paramLabel = "PROJECT")
    Path project;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--task", required = true, paramLabel = "GT_TASK", description = "The task holding the ground truth.")
    String task;

    @Option(names = "--classes", split = ",", description = "Classes to train, in the model's order; classes the model "
            + "has never seen get new outputs (default: every label of the task, by name).")
    List<String> classes;

    /** The classes named, or every label the task's boxes carry in the dataset. */
    List<String> classes(ProjectStore store) {
        if (classes != null && !classes.isEmpty()) {
            return classes;
        }
        List<String> all = TrainableLabels.of(store, dataset, task, java.util.Set.of()).stream()
                .map(TrainableLabels.TrainableLabel::name).toList();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("task '" + task + "' has no boxes in dataset '" + dataset
                    + "': nothing to train");
        }
        return all;
    }
}
