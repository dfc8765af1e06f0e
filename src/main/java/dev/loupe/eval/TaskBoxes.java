package dev.loupe.eval;

import dev.loupe.core.Box;
import dev.loupe.core.Dataset;
import dev.loupe.core.BoxQuery;
import dev.loupe.core.Label;
import dev.loupe.core.Task;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the boxes of tasks of a dataset as evaluation boxes (rejected predictions are left out). */
public final class TaskBoxes {

    private TaskBoxes() {
    }

    /** Boxes by task name, for the named tasks. Unknown task names are an error naming them. */
    public static Map<String, List<EvalBox>> read(ProjectStore store, String dataset, List<String> tasks) {
        Dataset ds = store.requireDataset(dataset);
        Map<Long, String> taskNames = new HashMap<>();
        for (String name : tasks) {
            Task t = store.tasks().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("no task '" + name + "' in this project (tasks: "
                            + store.tasks().stream().map(Task::name).toList() + ")"));
            taskNames.put(t.id(), name);
        }
        Map<Long, String> labels = new HashMap<>();
        for (Label l : store.labels()) {
            labels.put(l.id(), l.name());
        }
        Map<String, List<EvalBox>> out = new HashMap<>();
        tasks.forEach(t -> out.put(t, new ArrayList<>()));
        // one paged query per task rather than one per image: large datasets have few tasks, many images
        for (var task : taskNames.entrySet()) {
            BoxQuery query = new BoxQuery(ds.id(), task.getKey(), null, null, null, null, null);
            List<EvalBox> into = out.get(task.getValue());
            long after = 0;
            List<Box> page;
            while (!(page = store.boxPage(query, after, 10_000)).isEmpty()) {
                for (Box b : page) {
                    if (b.status() != dev.loupe.core.ReviewStatus.REJECTED) {
                        into.add(new EvalBox(b.imageId(), labels.get(b.labelId()), b.x(), b.y(), b.w(), b.h(),
                                b.hasScore() ? b.score() : 1.0, b.crowd(), b.area()));
                    }
                }
                after = page.get(page.size() - 1).id();
            }
        }
        return out;
    }
}
