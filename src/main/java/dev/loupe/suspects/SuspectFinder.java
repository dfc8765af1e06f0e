package dev.loupe.suspects;

import dev.loupe.consensus.Shape;
import dev.loupe.core.Hungarian;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the likely mistakes of one image's labelled boxes against a model's predictions. Boxes and predictions are
 * matched one to one by IoU whatever their labels (Hungarian assignment); a matched pair with other labels is a wrong
 * label, one that overlaps too little a poor fit; a confident prediction left alone is a missing box; a labelled box
 * that no prediction comes near, in an image where the model is confident about something, is a false box; two boxes
 * of one label on one object are a duplicate. Each gets a score: how strongly the model backs the suspicion.
 */
public final class SuspectFinder {
    private SuspectFinder() {
    }

    public static List<Suspect> find(long imageId, List<Shape> labelled, List<Shape> predicted, SuspectConfig c) {
        List<Suspect> out = new ArrayList<>();
        double[][] w = new double[labelled.size()][predicted.size()];
        for (int i = 0; i < labelled.size(); i++) {
            for (int j = 0; j < predicted.size(); j++) {
                double iou = labelled.get(i).iou(predicted.get(j));
                w[i][j] = iou >= c.matchIou() ? iou : 0;
            }
        }
        int[] match = Hungarian.maximize(w);
        boolean[] predictionUsed = new boolean[predicted.size()];
        double sure = predicted.stream().mapToDouble(SuspectFinder::score).max().orElse(0);
        for (int i = 0; i < labelled.size(); i++) {
            Shape box = labelled.get(i);
            if (match[i] >= 0) {
                Shape p = predicted.get(match[i]);
                predictionUsed[match[i]] = true;
                double iou = box.iou(p);
                if (!p.label().equals(box.label())) {
                    out.add(suspect(imageId, SuspectKind.WRONG_LABEL, box, score(p), p.label()));
                } else if (iou < c.fitIou()) {
                    out.add(suspect(imageId, SuspectKind.POOR_FIT, box, score(p) * (1 - iou), p.label()));
                }
            } else if (sure >= c.confident()) {
                double near = predicted.stream().mapToDouble(box::iou).max().orElse(0);
                if (near < c.nearIou()) {
                    out.add(suspect(imageId, SuspectKind.FALSE_BOX, box, sure * (1 - near), null));
                }
            }
        }
        for (int j = 0; j < predicted.size(); j++) {
            Shape p = predicted.get(j);
            boolean covered = labelled.stream().anyMatch(b -> b.iou(p) >= c.matchIou()); // a second guess at a box
            if (!predictionUsed[j] && score(p) >= c.confident() && !covered) {
                out.add(new Suspect(imageId, SuspectKind.MISSING_BOX, p.x(), p.y(), p.w(), p.h(), p.label(), score(p), 0,
                        p.label()));
            }
        }
        for (int i = 0; i < labelled.size(); i++) {
            for (int k = i + 1; k < labelled.size(); k++) {
                Shape a = labelled.get(i);
                Shape b = labelled.get(k);
                double iou = a.iou(b);
                if (a.label().equals(b.label()) && iou >= c.duplicateIou()) {
                    out.add(suspect(imageId, SuspectKind.DUPLICATE, b, iou, null));
                }
            }
        }
        return out;
    }

    private static Suspect suspect(long imageId, SuspectKind kind, Shape box, double score, String predicted) {
        return new Suspect(imageId, kind, box.x(), box.y(), box.w(), box.h(), box.label(), score, box.boxId(), predicted);
    }

    private static double score(Shape p) {
        return Double.isNaN(p.score()) ? 1 : p.score();
    }
}
