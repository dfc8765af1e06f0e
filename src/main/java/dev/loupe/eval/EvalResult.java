package dev.loupe.eval;

import java.util.List;

/** Metrics averaged over the classes that have ground truth, and per class. */
public record EvalResult(int images, double map, double ap50, double ap75, double apSmall, double apMedium,
                         double apLarge, double ar100, double recall50, double vocAp50, List<ClassResult> perClass) {
}
