package dev.loupe.train;

import dev.loupe.core.BoxQuery;
import dev.loupe.core.Label;
import dev.loupe.core.Task;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The labels a task's boxes carry in a dataset, by name (the order a model trained on them gets), with their box
 * counts and whether the base model knows them.
 */
public final class TrainableLabels {

    /** One label: its boxes in the task, and whether it would be a new class for the model. */
    public record TrainableLabel(String name, long boxes, boolean isNew) {
    }

    private TrainableLabels() {
    }

    /** Labels with at least one box, by name; {@code known} are the base model's classes. */
    public static List<TrainableLabel> of(ProjectStore store, String dataset, String task, Collection<String> known) {
        long datasetId = store.requireDataset(dataset).id();
        long taskId = Task.named(store.tasks(), task).map(Task::id)
                .orElseThrow(() -> new IllegalArgumentException("no task '" + task + "'"));
        List<TrainableLabel> out = new ArrayList<>();
        for (Label l : store.labels()) {
            long n = store.countBoxes(new BoxQuery(datasetId, taskId, null, l.id(), null, null, null));
            if (n > 0) {
                out.add(new TrainableLabel(l.name(), n, !known.contains(l.name())));
            }
        }
        out.sort(Comparator.comparing(TrainableLabel::name));
        return out;
    }
}
