package dev.loupe.rank;

import dev.loupe.core.Dataset;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.eval.TaskBoxes;
import dev.loupe.store.ProjectStore;

import java.util.HashSet;
import java.util.Set;

/**
 * The images of a dataset that still need labelling in a task: nobody has drawn or judged a box of them there nor
 * marked them done. Pre-annotations nobody has reviewed leave an image unlabelled.
 */
public final class UnlabelledImages {
    private UnlabelledImages() {
    }

    /** With no task, every image of the dataset. */
    public static Set<Long> of(ProjectStore store, String dataset, String task) {
        Dataset ds = store.requireDataset(dataset);
        Set<Long> out = new HashSet<>();
        for (long id : store.imageIds(ImageFilter.all(ds.id()))) {
            out.add(id);
        }
        if (task != null) {
            long taskId = store.requireTask(task).id();
            out.removeAll(store.doneImages(taskId));
            TaskBoxes.forEach(store, ds.id(), taskId, b -> {
                if (b.source() == Source.HUMAN || b.status() != ReviewStatus.PENDING) {
                    out.remove(b.imageId());
                }
            });
        }
        return out;
    }
}
