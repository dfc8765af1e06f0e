package dev.loupe.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Average precision as the COCO evaluation defines it: greedy per-image matching by score, IoU thresholds
 * .50:.05:.95, 101-point interpolated precision, maxDets 1 / 10 / 100, small / medium / large areas (the
 * annotated object area where the ground truth gives one, as pycocotools, else the box area), crowd regions as
 * ignore regions. Also PASCAL VOC all-point AP50.
 */
public final class CocoEvaluator {
    static final double[] IOUS = {0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95};
    private static final int RECALL_POINTS = 101;

    private CocoEvaluator() {
    }

    /**
     * Evaluates detections against ground truth on the given images, for the given classes (empty: every class of
     * the ground truth). Null images means every image with a box of these classes in either list: the same
     * figures as pycocotools on the whole ground-truth file, since an image with neither counts for nothing.
     * {@link ImageScope} picks the images of a dataset by convention.
     */
    public static EvalResult evaluate(List<EvalBox> gt, List<EvalBox> dt, Set<String> classes, Set<Long> images) {
        Set<String> labels = new TreeSet<>();
        for (EvalBox b : gt) {
            if (classes.isEmpty() || classes.contains(b.label())) {
                labels.add(b.label());
            }
        }
        if (!classes.isEmpty()) {
            labels.addAll(classes);
        }
        Set<Long> imageSet = images != null ? images : imagesWithBoxes(gt, dt, labels);
        Map<String, Map<Long, List<EvalBox>>> gtBy = group(gt, labels, imageSet);
        Map<String, Map<Long, List<EvalBox>>> dtBy = group(dt, labels, imageSet);
        List<Long> order = new ArrayList<>(new TreeSet<>(imageSet));
        List<ClassResult> perClass = new ArrayList<>();
        for (String label : labels) {
            perClass.add(evaluateClass(label, gtBy.getOrDefault(label, Map.of()), dtBy.getOrDefault(label, Map.of()), order));
        }
        return new EvalResult(order.size(), mean(perClass, ClassResult::map), mean(perClass, ClassResult::ap50),
                mean(perClass, ClassResult::ap75), mean(perClass, ClassResult::apSmall), mean(perClass, ClassResult::apMedium),
                mean(perClass, ClassResult::apLarge), mean(perClass, ClassResult::ar100), mean(perClass, ClassResult::recall50),
                mean(perClass, ClassResult::vocAp50), perClass, sizeAreas(gtBy));
    }

    private static EvalResult.SizeAreas sizeAreas(Map<String, Map<Long, List<EvalBox>>> gt) {
        int all = 0;
        int annotated = 0;
        for (Map<Long, List<EvalBox>> byImage : gt.values()) {
            for (List<EvalBox> boxes : byImage.values()) {
                for (EvalBox b : boxes) {
                    all++;
                    annotated += b.hasAnnotatedArea() ? 1 : 0;
                }
            }
        }
        return EvalResult.SizeAreas.of(annotated, all);
    }

    private static Set<Long> imagesWithBoxes(List<EvalBox> gt, List<EvalBox> dt, Set<String> labels) {
        Set<Long> out = new LinkedHashSet<>();
        for (List<EvalBox> boxes : List.of(gt, dt)) {
            for (EvalBox b : boxes) {
                if (labels.contains(b.label())) {
                    out.add(b.imageId());
                }
            }
        }
        return out;
    }

    /** Images with at least one non-crowd ground-truth box of these classes (empty: any class). */
    public static Set<Long> imagesWithGroundTruth(List<EvalBox> gt, Set<String> labels) {
        Set<Long> out = new LinkedHashSet<>();
        for (EvalBox b : gt) {
            if (!b.crowd() && (labels.isEmpty() || labels.contains(b.label()))) {
                out.add(b.imageId());
            }
        }
        return out;
    }

    private static Map<String, Map<Long, List<EvalBox>>> group(List<EvalBox> boxes, Set<String> labels, Set<Long> images) {
        Map<String, Map<Long, List<EvalBox>>> out = new HashMap<>();
        for (EvalBox b : boxes) {
            if (labels.contains(b.label()) && images.contains(b.imageId())) {
                out.computeIfAbsent(b.label(), k -> new HashMap<>()).computeIfAbsent(b.imageId(), k -> new ArrayList<>()).add(b);
            }
        }
        return out;
    }

    private static double mean(List<ClassResult> results, ToDoubleFunction<ClassResult> f) {
        double sum = 0;
        int n = 0;
        for (ClassResult r : results) {
            double v = f.applyAsDouble(r);
            if (v >= 0) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? -1 : sum / n;
    }

    private static ClassResult evaluateClass(String label, Map<Long, List<EvalBox>> gt, Map<Long, List<EvalBox>> dt,
                                             List<Long> images) {
        Accumulated all100 = accumulate(gt, dt, images, AreaRange.ALL, 100);
        Accumulated all10 = accumulate(gt, dt, images, AreaRange.ALL, 10);
        Accumulated all1 = accumulate(gt, dt, images, AreaRange.ALL, 1);
        Accumulated small = accumulate(gt, dt, images, AreaRange.SMALL, 100);
        Accumulated medium = accumulate(gt, dt, images, AreaRange.MEDIUM, 100);
        Accumulated large = accumulate(gt, dt, images, AreaRange.LARGE, 100);
        int detections = dt.values().stream().mapToInt(List::size).sum();
        List<PrPoint> pr = all100.curve(0);
        double bestF1 = 0;
        double bestScore = 0;
        for (PrPoint p : pr) {
            double f1 = p.precision() + p.recall() == 0 ? 0 : 2 * p.precision() * p.recall() / (p.precision() + p.recall());
            if (f1 > bestF1) {
                bestF1 = f1;
                bestScore = p.score();
            }
        }
        Accumulated voc = accumulate(gt, dt, images, AreaRange.ALL, Integer.MAX_VALUE);
        return new ClassResult(label, all100.relevant, detections, all100.ap(-1), all100.ap(0), all100.ap(5),
                small.ap(-1), medium.ap(-1), large.ap(-1), all1.ar(), all10.ar(), all100.ar(), all100.recallAt(0),
                voc.vocAp(0), thin(pr, 200), bestF1, bestScore);
    }

    private static List<PrPoint> thin(List<PrPoint> pr, int max) {
        if (pr.size() <= max) {
            return pr;
        }
        List<PrPoint> out = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            out.add(pr.get((int) ((long) i * (pr.size() - 1) / (max - 1))));
        }
        return out;
    }

    /** The detections of one class over all images, in COCO's order, with their match flags per threshold. */
    private static Accumulated accumulate(Map<Long, List<EvalBox>> gt, Map<Long, List<EvalBox>> dt, List<Long> images,
                                          AreaRange range, int maxDets) {
        List<double[]> rows = new ArrayList<>(); // score, then per threshold: 1 tp, 0 fp, -1 ignored
        int relevant = 0;
        for (Long image : images) {
            List<EvalBox> g = gt.getOrDefault(image, List.of());
            List<EvalBox> d = dt.getOrDefault(image, List.of());
            if (g.isEmpty() && d.isEmpty()) {
                continue;
            }
            ImageMatch m = new ImageMatch(g, d, IOUS, range, maxDets);
            relevant += m.relevantGroundTruth;
            for (int i = 0; i < m.detections.size(); i++) {
                double[] row = new double[1 + IOUS.length];
                row[0] = m.detections.get(i).score();
                for (int k = 0; k < IOUS.length; k++) {
                    row[1 + k] = m.ignored[k][i] ? -1 : m.matched[k][i] ? 1 : 0;
                }
                rows.add(row);
            }
        }
        // stable: equal scores keep image order, as COCO's mergesort does
        rows.sort((a, b) -> Double.compare(b[0], a[0]));
        return new Accumulated(rows, relevant);
    }

    /** Cumulative precision and recall over score-ordered detections. */
    private static final class Accumulated {
        final List<double[]> rows;
        final int relevant;

        Accumulated(List<double[]> rows, int relevant) {
            this.rows = rows;
            this.relevant = relevant;
        }

        /** Recall and precision after each counted detection at threshold k, with its score. */
        double[][] curveArrays(int k) {
            List<double[]> pts = new ArrayList<>();
            int tp = 0;
            int fp = 0;
            for (double[] r : rows) {
                double flag = r[1 + k];
                if (flag < 0) {
                    continue;
                }
                if (flag > 0) {
                    tp++;
                } else {
                    fp++;
                }
                pts.add(new double[]{(double) tp / relevant, (double) tp / (tp + fp), r[0]});
            }
            return pts.toArray(new double[0][]);
        }

        List<PrPoint> curve(int k) {
            if (relevant == 0) {
                return List.of();
            }
            List<PrPoint> out = new ArrayList<>();
            for (double[] p : curveArrays(k)) {
                out.add(new PrPoint(p[0], p[1], p[2]));
            }
            return out;
        }

        /** 101-point interpolated AP at threshold k, or averaged over all thresholds when k < 0. */
        double ap(int k) {
            if (relevant == 0) {
                return -1;
            }
            if (k < 0) {
                double sum = 0;
                for (int t = 0; t < IOUS.length; t++) {
                    sum += ap(t);
                }
                return sum / IOUS.length;
            }
            double[][] pts = curveArrays(k);
            int n = pts.length;
            double[] rc = new double[n];
            double[] pr = new double[n];
            for (int i = 0; i < n; i++) {
                rc[i] = pts[i][0];
                pr[i] = pts[i][1];
            }
            for (int i = n - 1; i > 0; i--) {
                pr[i - 1] = Math.max(pr[i - 1], pr[i]);
            }
            double sum = 0;
            for (int r = 0; r < RECALL_POINTS; r++) {
                double threshold = r * 0.01; // as numpy's linspace(0, 1, 101) computes it
                int idx = lowerBound(rc, threshold);
                sum += idx < n ? pr[idx] : 0;
            }
            return sum / RECALL_POINTS;
        }

        /** Final recall at threshold k. */
        double recallAt(int k) {
            if (relevant == 0) {
                return -1;
            }
            double[][] pts = curveArrays(k);
            return pts.length == 0 ? 0 : pts[pts.length - 1][0];
        }

        /** Recall averaged over IoU thresholds. */
        double ar() {
            if (relevant == 0) {
                return -1;
            }
            double sum = 0;
            for (int k = 0; k < IOUS.length; k++) {
                sum += recallAt(k);
            }
            return sum / IOUS.length;
        }

        /** VOC all-point AP: area under the precision envelope at every recall change. */
        double vocAp(int k) {
            if (relevant == 0) {
                return -1;
            }
            double[][] pts = curveArrays(k);
            int n = pts.length;
            double[] mrec = new double[n + 2];
            double[] mpre = new double[n + 2];
            mrec[n + 1] = 1;
            for (int i = 0; i < n; i++) {
                mrec[i + 1] = pts[i][0];
                mpre[i + 1] = pts[i][1];
            }
            for (int i = n; i >= 0; i--) {
                mpre[i] = Math.max(mpre[i], mpre[i + 1]);
            }
            double ap = 0;
            for (int i = 1; i <= n + 1; i++) {
                if (mrec[i] != mrec[i - 1]) {
                    ap += (mrec[i] - mrec[i - 1]) * mpre[i];
                }
            }
            return ap;
        }

        /** First index whose value is at least key (numpy searchsorted, side left). */
        private static int lowerBound(double[] sorted, double key) {
            int lo = 0;
            int hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < key) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
