package dev.loupe.ui.train;

import dev.loupe.eval.ClassResult;
import dev.loupe.eval.EvalResult;
import dev.loupe.train.HeldOutComparison;

import java.util.List;

/** The result card's text: AP50 before and after on the held-out images, per class, and where the model went. */
final class RetrainResult {

    private RetrainResult() {
    }

    static String describe(RetrainViewModel.Outcome r) {
        HeldOutComparison.Result c = r.compared();
        StringBuilder text = new StringBuilder(String.format("AP50 on %d held-out images (%s), pretrained → retrained:",
                c.originals(), c.scope().description()));
        int unscored = 0;
        for (ClassResult after : c.retrained().perClass()) {
            if (after.groundTruth() == 0) {
                unscored++;
                continue;
            }
            String name = after.label();
            String before = r.newClasses().contains(name) ? "not detectable (new class)"
                    : percent(ap50Of(c.pretrained(), name));
            text.append(String.format("%n  %s: %s → %s", name, before, percent(after.ap50())));
        }
        if (unscored > 0) {
            text.append(String.format("%n  (%d trained %s no box on the held-out images)", unscored,
                    unscored == 1 ? "class has" : "classes have"));
        }
        if (c.retrained().perClass().size() > 1) {
            text.append(String.format("%n  all classes: %s → %s", percent(c.pretrained().ap50()),
                    percent(c.retrained().ap50())));
        }
        if (c.copies() > 0) {
            text.append(String.format("%nWith their %d augmented copies (as the reference measured): %s → %s",
                    c.copies(), percent(c.pretrainedWithCopies().ap50()), percent(c.retrainedWithCopies().ap50())));
        }
        double seconds = r.training().seconds();
        text.append(String.format("%nModel %s (%s) written to %s with %s; %d epochs on %d images at %.1f "
                        + "images/s, %s. Pre-annotate finds it when that folder is the models folder.",
                r.training().modelName(), String.join(", ", classes(c.retrained())), r.training().onnx().getParent(),
                r.training().writtenWeights(), r.training().epochs().size(), r.training().trainImages(),
                r.training().imagesPerSecond(), seconds < 90 ? String.format("%.0f s", seconds)
                        : String.format("%.1f min", seconds / 60)));
        return text.toString();
    }

    private static double ap50Of(EvalResult result, String label) {
        return result.perClass().stream().filter(k -> k.label().equals(label)).mapToDouble(ClassResult::ap50)
                .findFirst().orElse(0);
    }

    private static List<String> classes(EvalResult result) {
        return result.perClass().stream().map(ClassResult::label).toList();
    }

    private static String percent(double ap) {
        return ap < 0 ? "n/a" : String.format("%.1f%%", 100 * ap);
    }
}
