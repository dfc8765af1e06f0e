package dev.loupe.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Per-image TP / FP / FN at one IoU and score threshold, with COCO's matching (crowd regions absorb, never count). */
public final class ErrorAnalysis {

    private ErrorAnalysis() {
    }

    /** Images sorted by errors, most first. */
    public static List<ImageErrors> byImage(List<EvalBox> gt, List<EvalBox> dt, Set<String> classes, Set<Long> images,
                                            double iou, double minScore) {
        Map<Long, Map<String, List<EvalBox>>> g = group(gt, classes, images, 0);
        Map<Long, Map<String, List<EvalBox>>> d = group(dt, classes, images, minScore);
        Set<Long> all = new TreeSet<>(images);
        List<ImageErrors> out = new ArrayList<>();
        for (Long image : all) {
            List<EvalBox> tp = new ArrayList<>();
            List<EvalBox> fp = new ArrayList<>();
            List<EvalBox> fn = new ArrayList<>();
            Set<String> labels = new TreeSet<>();
            labels.addAll(g.getOrDefault(image, Map.of()).keySet());
            labels.addAll(d.getOrDefault(image, Map.of()).keySet());
            for (String label : labels) {
                ImageMatch m = new ImageMatch(g.getOrDefault(image, Map.of()).getOrDefault(label, List.of()),
                        d.getOrDefault(image, Map.of()).getOrDefault(label, List.of()), new double[]{iou}, AreaRange.ALL,
                        Integer.MAX_VALUE);
                boolean[] found = new boolean[m.groundTruth.size()];
                for (int i = 0; i < m.detections.size(); i++) {
                    if (m.ignored[0][i]) {
                        continue;
                    }
                    if (m.matched[0][i]) {
                        tp.add(m.detections.get(i));
                        found[m.matchIndex[0][i]] = true;
                    } else {
                        fp.add(m.detections.get(i));
                    }
                }
                for (int j = 0; j < found.length; j++) {
                    if (!found[j] && !m.groundTruthIgnored[j]) {
                        fn.add(m.groundTruth.get(j));
                    }
                }
            }
            out.add(new ImageErrors(image, tp, fp, fn));
        }
        out.sort(Comparator.comparingInt(ImageErrors::errors).reversed().thenComparingLong(ImageErrors::imageId));
        return out;
    }

    private static Map<Long, Map<String, List<EvalBox>>> group(List<EvalBox> boxes, Set<String> classes, Set<Long> images,
                                                               double minScore) {
        Map<Long, Map<String, List<EvalBox>>> out = new HashMap<>();
        for (EvalBox b : boxes) {
            if ((classes.isEmpty() || classes.contains(b.label())) && images.contains(b.imageId())
                    && (b.crowd() || Double.isNaN(b.score()) || b.score() >= minScore)) {
                out.computeIfAbsent(b.imageId(), k -> new HashMap<>()).computeIfAbsent(b.label(), k -> new ArrayList<>()).add(b);
            }
        }
        return out;
    }
}
