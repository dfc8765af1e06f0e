package dev.loupe.eval;

import dev.loupe.core.Box;
import dev.loupe.core.BoxQuery;
import dev.loupe.core.ReviewStatus;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads the boxes of tasks of a dataset as evaluation boxes (rejected predictions are left out). */
public final class TaskBoxes {
    private static final int PAGE = 10_000;

    private TaskBoxes() {
    }

    /** Boxes by task name, for the named tasks. Unknown task names are an error naming them. */
    public static Map<String, List<EvalBox>> read(ProjectStore store, String dataset, List<String> tasks) {
        long datasetId = store.requireDataset(dataset).id();
        Map<Long, String> labels = store.labelNames();
        Map<String, List<EvalBox>> out = new HashMap<>();
        for (String name : tasks) {
            long taskId = store.requireTask(name).id();
            List<EvalBox> into = new ArrayList<>();
            forEachKept(store, datasetId, taskId, b -> into.add(new EvalBox(b.imageId(), labels.get(b.labelId()),
                    b.x(), b.y(), b.w(), b.h(), b.hasScore() ? b.score() : 1.0, b.crowd(), b.area())));
            out.put(name, into);
        }
        return out;
    }

    /** Every box of a task on a dataset that is not rejected, in id order. */
    public static void forEachKept(ProjectStore store, long datasetId, long taskId, Consumer<Box> action) {
        forEach(store, datasetId, taskId, b -> {
            if (b.status() != ReviewStatus.REJECTED) {
                action.accept(b);
            }
        });
    }

    /**
     * Every box of a task on a dataset, in id order: one paged query per task rather than one per image, as large
     * datasets have few tasks and many images.
     */
    public static void forEach(ProjectStore store, long datasetId, long taskId, Consumer<Box> action) {
        BoxQuery query = new BoxQuery(datasetId, taskId, null, null, null, null, null);
        long after = 0;
        List<Box> page;
        while (!(page = store.boxPage(query, after, PAGE)).isEmpty()) {
            page.forEach(action);
            after = page.get(page.size() - 1).id();
        }
    }
}
