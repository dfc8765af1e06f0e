package dev.loupe.eval;

import java.util.List;

/**
 * Metrics averaged over the classes that have ground truth, and per class.
 *
 * @param images    images counted
 * @param sizeAreas which area put the ground truth into the small / medium / large ranges
 */
public record EvalResult(int images, double map, double ap50, double ap75, double apSmall, double apMedium,
                         double apLarge, double ar100, double recall50, double vocAp50, List<ClassResult> perClass,
                         SizeAreas sizeAreas) {

    /** Which area the size ranges used for the ground truth. */
    public enum SizeAreas {
        ANNOTATED("the annotated object area (COCO 'area'), as pycocotools does"),
        BOX("the box area (width x height): the ground truth gives no object area"),
        MIXED("the annotated object area where given, the box area otherwise");

        private final String description;

        SizeAreas(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        static SizeAreas of(int annotated, int all) {
            return annotated == all && all > 0 ? ANNOTATED : annotated == 0 ? BOX : MIXED;
        }
    }
}
