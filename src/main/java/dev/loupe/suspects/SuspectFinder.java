package dev.loupe.suspects;

import dev.loupe.consensus.Shape;
import dev.loupe.core.Hungarian;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the likely mistakes of one image's labelled boxes against a model's predictions (those under a small floor
 * of score left out). Boxes and predictions are first matched one to one where they overlap well, whatever their
 * labels, the surer predictions preferred (Hungarian assignment on IoU x score): a matched pair with other labels is a
 * wrong label, one that overlaps too little a poor fit. Boxes left over are then matched to predictions of their own
 * label that overlap them at all: those are poor fits too (a box drawn off its object). A confident prediction still
 * alone is a missing box; a labelled box no prediction comes near, in an image where the model is confident about
 * something, is a false box; two boxes of one label on one object are a duplicate. Each gets a score: how strongly
 * the model backs the suspicion.
 */
public final class SuspectFinder {
    /** Predictions below this are noise for finding mistakes. */
    private static final double FLOOR = 0.05;
    /** A prediction overlapping a labelled box this much is about that box, not a missing one. */
    private static final double COVERED_IOU = 0.3;
    /** Objects at least this big (the square root of their area) a detector seldom misses outright. */
    private static final double SEEN_SIDE_PX = 128;

    private SuspectFinder() {
    }

    public static List<Suspect> find(long imageId, List<Shape> labelled, List<Shape> predictions, SuspectConfig c) {
        return find(imageId, labelled, List.of(), predictions, c);
    }

    /**
     * As above, with crowd regions: a prediction mostly inside one is one of the crowd, never a missing box.
     */
    public static List<Suspect> find(long imageId, List<Shape> labelled, List<Shape> crowds, List<Shape> predictions,
                                     SuspectConfig c) {
        List<Shape> predicted = predictions.stream().filter(p -> score(p) >= FLOOR)
                .filter(p -> crowds.stream().noneMatch(crowd -> inCrowd(p, crowd))).toList();
        List<Suspect> out = new ArrayList<>();
        boolean[] boxDone = new boolean[labelled.size()];
        boolean[] predictionUsed = new boolean[predicted.size()];
        int[] close = match(labelled, predicted, c.matchIou(), false, boxDone, predictionUsed);
        for (int i = 0; i < labelled.size(); i++) {
            if (close[i] < 0) {
                continue;
            }
            Shape box = labelled.get(i);
            Shape p = predicted.get(close[i]);
            double iou = box.iou(p);
            if (!p.label().equals(box.label())) {
                // the model's own word for the box's label there: a close second means it hesitates, not objects
                double own = predicted.stream().filter(q -> q.label().equals(box.label()) && box.iou(q) >= c.matchIou())
                        .mapToDouble(SuspectFinder::score).max().orElse(0);
                if (score(p) >= c.confident() && score(p) - own > 0) {
                    out.add(suspect(imageId, SuspectKind.WRONG_LABEL, box, score(p) - own, p));
                }
            } else if (iou < c.fitIou()) {
                out.add(suspect(imageId, SuspectKind.POOR_FIT, box, score(p) * (1 - iou), p));
            }
        }
        int[] loose = match(labelled, predicted, c.nearIou(), true, boxDone, predictionUsed);
        for (int i = 0; i < labelled.size(); i++) {
            if (loose[i] >= 0) {
                Shape p = predicted.get(loose[i]);
                out.add(suspect(imageId, SuspectKind.POOR_FIT, labelled.get(i),
                        score(p) * (1 - labelled.get(i).iou(p)), p));
            }
        }
        double sure = predicted.stream().mapToDouble(SuspectFinder::score).max().orElse(0);
        for (int i = 0; i < labelled.size(); i++) {
            Shape box = labelled.get(i);
            if (!boxDone[i] && sure >= c.confident()) {
                // even a faint guess of the model there (below the floor) means it saw something
                double near = predictions.stream().mapToDouble(box::iou).max().orElse(0);
                if (near < c.nearIou()) {
                    // a model misses small objects often: the bigger the box it does not see, the likelier it is false
                    out.add(suspect(imageId, SuspectKind.FALSE_BOX, box, sure * (1 - near) * size(box), null));
                }
            }
        }
        for (int j = 0; j < predicted.size(); j++) {
            Shape p = predicted.get(j);
            // a box of the labels there, drawn a little differently or under a second guess of the model: not missing
            boolean covered = labelled.stream().anyMatch(b -> b.iou(p) >= COVERED_IOU);
            if (!predictionUsed[j] && score(p) >= c.confident() && !covered) {
                // small objects go unlabelled in many datasets on purpose: a big one the labels miss is the likelier slip
                out.add(new Suspect(imageId, SuspectKind.MISSING_BOX, p.x(), p.y(), p.w(), p.h(), p.label(),
                        score(p) * size(p), 0, prediction(p)));
            }
        }
        for (int i = 0; i < labelled.size(); i++) {
            for (int k = i + 1; k < labelled.size(); k++) {
                Shape a = labelled.get(i);
                Shape b = labelled.get(k);
                double iou = a.iou(b);
                if (a.label().equals(b.label()) && iou >= c.duplicateIou()) {
                    // two objects standing close are no duplicate: only when the model sees one thing there
                    List<Shape> seen = predicted.stream().filter(q -> score(q) >= c.confident()
                            && (a.iou(q) >= c.matchIou() || b.iou(q) >= c.matchIou())).toList();
                    if (seen.size() == 1) {
                        out.add(suspect(imageId, SuspectKind.DUPLICATE, b, iou * score(seen.get(0)), seen.get(0)));
                    }
                }
            }
        }
        return out;
    }

    /**
     * One-to-one matching of the boxes and predictions not matched yet, overlapping at least {@code minIou} (with
     * {@code sameLabel}, of one label only), weighted by IoU x score; marks what it matches. Returns, per box, its
     * prediction or -1.
     */
    private static int[] match(List<Shape> boxes, List<Shape> predicted, double minIou, boolean sameLabel,
                               boolean[] boxDone, boolean[] predictionUsed) {
        double[][] w = new double[boxes.size()][predicted.size()];
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = 0; j < predicted.size(); j++) {
                Shape b = boxes.get(i);
                Shape p = predicted.get(j);
                double iou = b.iou(p);
                boolean eligible = !boxDone[i] && !predictionUsed[j] && iou >= minIou
                        && (!sameLabel || b.label().equals(p.label()));
                w[i][j] = eligible ? iou * score(p) : 0;
            }
        }
        int[] match = Hungarian.maximize(w);
        for (int i = 0; i < match.length; i++) {
            if (match[i] >= 0) {
                boxDone[i] = true;
                predictionUsed[match[i]] = true;
            }
        }
        return match;
    }

    /** 1 for objects a detector seldom misses, less for smaller ones (the square root of the area over 128 px). */
    private static double size(Shape s) {
        return Math.min(1, Math.sqrt(s.area()) / SEEN_SIDE_PX);
    }

    /** Whether at least half of {@code p} lies inside the crowd region. */
    private static boolean inCrowd(Shape p, Shape crowd) {
        double inside = p.intersection(crowd);
        return inside > 0 && inside >= 0.5 * p.area();
    }

    private static Suspect suspect(long imageId, SuspectKind kind, Shape box, double score, Shape model) {
        return new Suspect(imageId, kind, box.x(), box.y(), box.w(), box.h(), box.label(), score, box.boxId(),
                model == null ? null : prediction(model));
    }

    private static Suspect.Prediction prediction(Shape p) {
        return new Suspect.Prediction(p.label(), score(p), p.x(), p.y(), p.w(), p.h());
    }

    private static double score(Shape p) {
        return Double.isNaN(p.score()) ? 1 : p.score();
    }
}
