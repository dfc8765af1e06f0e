package dev.loupe.ui.eval;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.eval.CocoEvaluator;
import dev.loupe.eval.ErrorAnalysis;
import dev.loupe.eval.EvalBox;
import dev.loupe.eval.EvalResult;
import dev.loupe.eval.ImageErrors;
import dev.loupe.eval.ImageScope;
import dev.loupe.eval.TaskBoxes;
import dev.loupe.store.ImageBytes;
import dev.loupe.store.ProjectStore;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One evaluation as the evaluation view shows it: metrics per prediction task, and the images of the first
 * prediction task sorted by errors at IoU .50 and its best-F1 score threshold. Computed once, off the FX thread.
 */
public final class EvaluationViewModel {

    /** An image with its errors, named for the list. */
    public record ErrorRow(ImageItem image, ImageErrors errors) {
        @Override
        public String toString() {
            return String.format("%s — %d TP, %d FP, %d FN", image.fileName(), errors.truePositives().size(),
                    errors.falsePositives().size(), errors.falseNegatives().size());
        }
    }

    private final String gt;
    private final ImageScope scope;
    private final Map<String, EvalResult> results;
    private final List<ErrorRow> errors;
    private final double scoreThreshold;
    private final ImageBytes images;

    private EvaluationViewModel(String gt, ImageScope scope, Map<String, EvalResult> results, List<ErrorRow> errors,
                                double scoreThreshold, ImageBytes images) {
        this.images = images;
        this.gt = gt;
        this.scope = scope;
        this.results = results;
        this.errors = errors;
        this.scoreThreshold = scoreThreshold;
    }

    /** Evaluates; call off the FX thread. */
    public static EvaluationViewModel compute(ProjectStore store, String dataset, String gt, List<String> preds,
                                              Set<String> classes, ImageScope scope) {
        List<String> tasks = new java.util.ArrayList<>(preds);
        tasks.add(0, gt);
        Map<String, List<EvalBox>> boxes = TaskBoxes.read(store, dataset, tasks);
        long[] all = store.imageIds(ImageFilter.all(store.requireDataset(dataset).id()));
        Set<Long> images = scope.select(Arrays.stream(all).boxed().toList(), boxes.get(gt), classes);
        Map<String, EvalResult> results = new LinkedHashMap<>();
        for (String p : preds) {
            results.put(p, CocoEvaluator.evaluate(boxes.get(gt), boxes.get(p), classes, images));
        }
        EvalResult first = results.get(preds.get(0));
        double threshold = first.perClass().size() == 1 ? first.perClass().get(0).bestF1Score() : 0.3;
        List<ImageErrors> byImage = ErrorAnalysis.byImage(boxes.get(gt), boxes.get(preds.get(0)), classes, images, 0.5,
                threshold);
        Map<Long, ImageItem> items = new HashMap<>();
        for (ImageItem im : store.images(byImage.stream().mapToLong(ImageErrors::imageId).toArray())) {
            items.put(im.id(), im);
        }
        List<ErrorRow> rows = byImage.stream().filter(e -> items.containsKey(e.imageId()))
                .map(e -> new ErrorRow(items.get(e.imageId()), e)).toList();
        return new EvaluationViewModel(gt, scope, results, rows, threshold, store.imageBytes());
    }

    public String groundTruth() {
        return gt;
    }

    /** What was counted, in words: how many images by which convention, and which area sized the objects. */
    public String countedOn() {
        EvalResult any = results.values().iterator().next();
        return String.format("Counted on %,d images: %s. Object sizes by %s.", any.images(), scope.description(),
                any.sizeAreas().description());
    }

    public Map<String, EvalResult> results() {
        return results;
    }

    public List<ErrorRow> errors() {
        return errors;
    }

    public double scoreThreshold() {
        return scoreThreshold;
    }

    /** Where the images' bytes are read from, to show one. */
    public ImageBytes images() {
        return images;
    }
}
