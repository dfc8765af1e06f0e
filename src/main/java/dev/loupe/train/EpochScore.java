package dev.loupe.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.loupe.eval.CocoEvaluator;
import dev.loupe.eval.EvalBox;
import dev.loupe.inference.Detection;
import dev.loupe.inference.ModelDescriptor;
import dev.loupe.inference.Nms;
import dev.loupe.inference.OutputDecoder;
import dev.loupe.inference.Preprocessor;
import dev.loupe.jobs.JobProblem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** AP50 of a model under training on a side of the split, decoded as pre-annotation decodes (score >= 0.001, NMS 0.65). */
final class EpochScore {

    /** Weights scored after {@code epoch} (0: before training): AP50 and the boxes it came from, to compare runs. */
    record Scored(int epoch, double ap50, List<EvalBox> gt, List<EvalBox> dt, Set<String> labels, List<Long> images) {
    }

    private EpochScore() {
    }

    /** These weights (the average's) scored; the module holds them only for the scoring. */
    static Scored with(Map<String, float[]> weights, int epoch, OnnxModule module, List<TrainingImages.Sample> samples,
                       DecodedImages decoded, ModelDescriptor d, NDManager root, List<JobProblem> skipped)
            throws Exception {
        Map<String, float[]> live = module.weights();
        module.load(weights);
        try {
            return of(epoch, module, samples, decoded, d, root, skipped);
        } finally {
            module.load(live);
        }
    }

    /** The module's current weights scored over the trained classes (the descriptor's). */
    static Scored of(int epoch, OnnxModule module, List<TrainingImages.Sample> samples, DecodedImages decoded,
                     ModelDescriptor d, NDManager root, List<JobProblem> skipped) throws Exception {
        Preprocessor preprocessor = new Preprocessor(d);
        List<EvalBox> gt = new ArrayList<>();
        List<EvalBox> dt = new ArrayList<>();
        Set<String> labels = new HashSet<>(d.classNames());
        for (TrainingImages.Sample sample : samples) {
            TrainingInput in;
            try {
                in = TrainingInput.prepare(sample, decoded, preprocessor, null);
            } catch (Exception e) {
                skipped.add(new JobProblem(sample.image().path(), e.getMessage())); // not scored, reported
                continue;
            }
            for (TrainingImages.GtBox b : sample.boxes()) {
                gt.add(new EvalBox(sample.image().id(), d.classNames().get(b.modelClass()), b.x(), b.y(), b.w(), b.h(),
                        1, false));
            }
            try (NDManager step = root.newSubManager()) {
                NDArray out = module.forward(step.create(in.image().tensor(),
                        new Shape(1, 3, d.inputHeight(), d.inputWidth())), step);
                List<Detection> found = OutputDecoder.decode(d, out.toFloatArray(), out.getShape().getShape(),
                        in.image(), 0.001);
                for (Detection x : Nms.classAware(found, 0.65, 100)) {
                    dt.add(new EvalBox(sample.image().id(), x.label(), x.x(), x.y(), x.w(), x.h(), x.score(), false));
                }
            }
        }
        Set<Long> images = CocoEvaluator.imagesWithGroundTruth(gt, labels);
        return new Scored(epoch, CocoEvaluator.evaluate(gt, dt, labels, images).ap50(), gt, dt, labels,
                List.copyOf(new java.util.TreeSet<>(images)));
    }
}
