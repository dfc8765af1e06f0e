package dev.loupe.train;

import dev.loupe.core.Box;
import dev.loupe.core.Dataset;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Label;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Split;
import dev.loupe.core.Task;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The images of one side of a dataset's split with their ground-truth boxes of the trained classes (crowd
 * regions and rejected boxes left out), each class mapped to its index among the trained classes (the trained
 * model's class outputs, see {@link ClassHead}).
 */
final class TrainingImages {

    /** A ground-truth box in original image pixels. */
    record GtBox(double x, double y, double w, double h, int modelClass) {
    }

    /**
     * One image, its boxes of the trained classes, and the regions objectness must not be taught about: boxes
     * of other classes and crowd regions (the pretrained model rightly sees objects there).
     */
    record Sample(ImageItem image, List<GtBox> boxes, List<GtBox> ignore) {
    }

    private TrainingImages() {
    }

    /**
     * The side's images; a held-out side (validation, test) without augmented copies: scores there choose the
     * epoch to write, and copies made in the training images' style reward fitting that style (on coco-dev the
     * held-out side with copies rose while the originals fell).
     */
    static List<Sample> load(ProjectStore store, String dataset, String task, List<String> classes, Split side) {
        Dataset ds = store.requireDataset(dataset);
        long taskId = Task.named(store.tasks(), task).map(Task::id)
                .orElseThrow(() -> new IllegalArgumentException("no task '" + task + "' with ground truth"));
        Map<Long, Integer> modelClassOfLabel = new HashMap<>();
        for (Label l : store.labels()) {
            int k = classes.indexOf(l.name());
            if (k >= 0) {
                modelClassOfLabel.put(l.id(), k);
            }
        }
        Map<Long, Split> split = store.split(ds.id());
        if (split.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + dataset + "' has no split yet: run 'loupe split' first");
        }
        java.util.Set<Long> copies = side == Split.TRAIN ? java.util.Set.of()
                : store.augmentedImages(ds.id()).stream().map(dev.loupe.core.AugmentedImage::imageId)
                .collect(java.util.stream.Collectors.toSet());
        long[] ids = split.entrySet().stream().filter(e -> e.getValue() == side && !copies.contains(e.getKey()))
                .mapToLong(Map.Entry::getKey).toArray();
        List<Sample> out = new ArrayList<>();
        for (ImageItem im : store.images(ids)) {
            List<GtBox> boxes = new ArrayList<>();
            List<GtBox> ignore = new ArrayList<>();
            for (Box b : store.boxes(im.id())) {
                if (b.taskId() != taskId || b.status() == ReviewStatus.REJECTED) {
                    continue;
                }
                Integer c = modelClassOfLabel.get(b.labelId());
                if (c != null && !b.crowd()) {
                    boxes.add(new GtBox(b.x(), b.y(), b.w(), b.h(), c));
                } else {
                    ignore.add(new GtBox(b.x(), b.y(), b.w(), b.h(), -1));
                }
            }
            out.add(new Sample(im, boxes, ignore));
        }
        return out;
    }
}
