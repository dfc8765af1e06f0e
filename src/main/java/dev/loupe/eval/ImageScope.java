package dev.loupe.eval;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which images of a dataset an evaluation counts: the convention decides whether stray detections cost. */
public enum ImageScope {
    /** Every image, as pycocotools counts the images of its ground-truth file: a detection on an image without
     * ground truth of its class is a false positive. The default. */
    EVERY_IMAGE("every image, as pycocotools counts"),
    /** Only images with ground truth of the evaluated classes, as the reference workflow counted: detections on
     * the other images are ignored, so AP comes out higher. */
    ONLY_IMAGES_WITH_GT("only images with ground truth of these classes, as the reference workflow counted");

    private final String description;

    ImageScope(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The images to count among {@code candidates}, given the ground truth and classes (empty: every class). */
    public Set<Long> select(Collection<Long> candidates, List<EvalBox> gt, Set<String> classes) {
        Set<Long> out = new LinkedHashSet<>(candidates);
        if (this == ONLY_IMAGES_WITH_GT) {
            out.retainAll(CocoEvaluator.imagesWithGroundTruth(gt, classes));
        }
        return out;
    }
}
