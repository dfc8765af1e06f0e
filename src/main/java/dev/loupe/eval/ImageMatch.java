package dev.loupe.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * COCO's greedy matching on one image and class, at one area range and detection limit: detections in score
 * order take the unmatched ground truth they overlap most (at least the IoU threshold); non-ignored ground
 * truth is preferred, crowd regions can absorb many detections, and what matches an ignored box is ignored.
 */
final class ImageMatch {
    final List<EvalBox> detections;
    /** [threshold][detection]: matched, and ignored. */
    final boolean[][] matched;
    final boolean[][] ignored;
    /** [threshold][detection]: index into {@link #groundTruth} of the match, or -1. */
    final int[][] matchIndex;
    /** Ground truth in matching order (relevant first). */
    final List<EvalBox> groundTruth;
    final boolean[] groundTruthIgnored;
    final int relevantGroundTruth;

    ImageMatch(List<EvalBox> gt, List<EvalBox> dt, double[] iouThresholds, AreaRange range, int maxDetections) {
        List<EvalBox> g = new ArrayList<>(gt);
        boolean[] gIgnore = new boolean[g.size()];
        // non-ignored ground truth first (stable), as COCO sorts it
        g.sort(Comparator.comparing(b -> b.crowd() || range.excludes(b.sizeArea())));
        int relevant = 0;
        for (int i = 0; i < g.size(); i++) {
            gIgnore[i] = g.get(i).crowd() || range.excludes(g.get(i).sizeArea());
            relevant += gIgnore[i] ? 0 : 1;
        }
        List<EvalBox> d = new ArrayList<>(dt);
        d.sort(Comparator.comparingDouble(EvalBox::score).reversed());
        if (d.size() > maxDetections) {
            d = d.subList(0, maxDetections);
        }
        detections = d;
        groundTruth = g;
        groundTruthIgnored = gIgnore;
        relevantGroundTruth = relevant;
        double[][] iou = new double[d.size()][g.size()];
        for (int i = 0; i < d.size(); i++) {
            for (int j = 0; j < g.size(); j++) {
                iou[i][j] = iou(d.get(i), g.get(j));
            }
        }
        int t = iouThresholds.length;
        matched = new boolean[t][d.size()];
        ignored = new boolean[t][d.size()];
        matchIndex = new int[t][d.size()];
        for (int k = 0; k < t; k++) {
            java.util.Arrays.fill(matchIndex[k], -1);
            boolean[] gMatched = new boolean[g.size()];
            for (int i = 0; i < d.size(); i++) {
                double best = Math.min(iouThresholds[k], 1 - 1e-10);
                int m = -1;
                for (int j = 0; j < g.size(); j++) {
                    if (gMatched[j] && !g.get(j).crowd()) {
                        continue;
                    }
                    if (m > -1 && !gIgnore[m] && gIgnore[j]) {
                        break;
                    }
                    if (iou[i][j] < best) {
                        continue;
                    }
                    best = iou[i][j];
                    m = j;
                }
                if (m == -1) {
                    ignored[k][i] = range.excludes(d.get(i).sizeArea());
                    continue;
                }
                matched[k][i] = true;
                matchIndex[k][i] = m;
                ignored[k][i] = gIgnore[m];
                gMatched[m] = true;
            }
        }
    }

    /** IoU, except against a crowd region, where the overlap is divided by the detection's own area. */
    static double iou(EvalBox d, EvalBox g) {
        double ix = Math.max(0, Math.min(d.x() + d.w(), g.x() + g.w()) - Math.max(d.x(), g.x()));
        double iy = Math.max(0, Math.min(d.y() + d.h(), g.y() + g.h()) - Math.max(d.y(), g.y()));
        double inter = ix * iy;
        double union = g.crowd() ? d.area() : d.area() + g.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
