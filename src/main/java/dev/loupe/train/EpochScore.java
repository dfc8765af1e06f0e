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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** AP50 of a model under training on a side of the split, decoded as pre-annotation decodes (score >= 0.001, NMS 0.65). */
final class EpochScore {

    private EpochScore() {
    }

    /** AP50 of these weights (the average's), which the module holds only for the scoring. */
    static double ap50With(Map<String, float[]> weights, OnnxModule module, List<TrainingImages.Sample> samples,
                           DecodedImages decoded, ModelDescriptor d, NDManager root) throws Exception {
        Map<String, float[]> live = module.weights();
        module.load(weights);
        try {
            return ap50(module, samples, decoded, d, root);
        } finally {
            module.load(live);
        }
    }

    /** AP50 of the module's current weights over the trained classes (the descriptor's). */
    static double ap50(OnnxModule module, List<TrainingImages.Sample> samples, DecodedImages decoded,
                       ModelDescriptor d, NDManager root) throws Exception {
        Preprocessor preprocessor = new Preprocessor(d);
        List<EvalBox> gt = new ArrayList<>();
        List<EvalBox> dt = new ArrayList<>();
        Set<String> labels = new HashSet<>(d.classNames());
        for (TrainingImages.Sample sample : samples) {
            TrainingInput in = TrainingInput.prepare(sample, decoded, preprocessor, null);
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
        return CocoEvaluator.evaluate(gt, dt, labels, CocoEvaluator.imagesWithGroundTruth(gt, labels)).ap50();
    }
}
