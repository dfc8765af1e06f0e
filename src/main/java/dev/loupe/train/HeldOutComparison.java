package dev.loupe.train;

import dev.loupe.core.AugmentedImage;
import dev.loupe.core.Dataset;
import dev.loupe.core.Split;
import dev.loupe.eval.CocoEvaluator;
import dev.loupe.eval.EvalBox;
import dev.loupe.eval.EvalResult;
import dev.loupe.eval.EvalSources;
import dev.loupe.eval.ImageScope;
import dev.loupe.eval.TaskBoxes;
import dev.loupe.jobs.JobContext;
import dev.loupe.store.ProjectStore;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pretrained against retrained on the TEST side, both run through the pre-annotation engine (ONNX Runtime)
 * as a user would run them: on the held-out originals (the honest figure: no copy of a training image there)
 * and on the held-out side with its augmented copies (how the reference measured).
 */
public final class HeldOutComparison {

    /** AP figures of both models on both image sets, counted by {@code scope}. */
    public record Result(EvalResult pretrained, EvalResult retrained, EvalResult pretrainedWithCopies,
                         EvalResult retrainedWithCopies, int originals, int copies, ImageScope scope) {
    }

    private HeldOutComparison() {
    }

    public static Result run(ProjectStore store, String dataset, String gtTask, Set<String> classes,
                             String pretrained, Path pretrainedDir, String retrained, Path retrainedDir,
                             ImageScope scope, JobContext ctx) throws Exception {
        Dataset ds = store.requireDataset(dataset);
        List<EvalBox> gt = TaskBoxes.read(store, dataset, List.of(gtTask)).get(gtTask);
        Set<Long> copies = store.augmentedImages(ds.id()).stream().map(AugmentedImage::imageId)
                .collect(Collectors.toSet());
        Set<Long> test = scope.select(store.split(ds.id()).entrySet().stream()
                .filter(e -> e.getValue() == Split.TEST).map(Map.Entry::getKey).sorted().toList(), gt, classes);
        if (test.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + dataset + "' has no held-out images"
                    + (scope == ImageScope.ONLY_IMAGES_WITH_GT ? " with " + classes + " ground truth" : "")
                    + ": split it first ('loupe split')");
        }
        // the models run on the held-out images only: the training side is not scored
        List<EvalBox> before = EvalSources.read(store, dataset, EvalSources.MODEL_PREFIX + pretrained, pretrainedDir,
                classes, test, ctx);
        List<EvalBox> after = EvalSources.read(store, dataset, EvalSources.MODEL_PREFIX + retrained, retrainedDir,
                classes, test, ctx);
        Set<Long> originals = test.stream().filter(id -> !copies.contains(id)).collect(Collectors.toSet());
        return new Result(CocoEvaluator.evaluate(gt, before, classes, originals),
                CocoEvaluator.evaluate(gt, after, classes, originals), CocoEvaluator.evaluate(gt, before, classes, test),
                CocoEvaluator.evaluate(gt, after, classes, test), originals.size(), test.size() - originals.size(), scope);
    }
}
