package dev.loupe.inference;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A pre-annotation run.
 *
 * @param classes  model classes to keep (empty: all)
 * @param labelMap model class → project label (unmapped classes keep their own name)
 * @param kittiOut folder for KITTI label files with scores, as TAO inference writes them (null: none)
 * @param decodeThreads threads that decode and prepare images for the sessions; 0 (the default) lets each session's
 *                      thread prepare its own next image, which on CPU cores measured as fast with fewer threads
 * @param onlyImages run on these images of the dataset only (null: every image)
 */
public record PreannotateRequest(String dataset, String task, Set<String> classes, Map<String, String> labelMap,
                                 Path kittiOut, int decodeThreads, Set<Long> onlyImages) {
    public PreannotateRequest {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(task, "task");
        classes = classes == null ? Set.of() : Set.copyOf(classes);
        labelMap = labelMap == null ? Map.of() : Map.copyOf(labelMap);
        onlyImages = onlyImages == null ? null : Set.copyOf(onlyImages);
        if (decodeThreads < 0) {
            throw new IllegalArgumentException("decode threads is " + decodeThreads + " (expected 0 or more)");
        }
    }

    /** Every image of the dataset. */
    public PreannotateRequest(String dataset, String task, Set<String> classes, Map<String, String> labelMap,
                              Path kittiOut, int decodeThreads) {
        this(dataset, task, classes, labelMap, kittiOut, decodeThreads, null);
    }
}
