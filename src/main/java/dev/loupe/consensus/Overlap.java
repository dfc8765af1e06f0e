package dev.loupe.consensus;

import dev.loupe.core.Hungarian;

import java.util.ArrayList;
import java.util.List;

/** Overlap of boxes, and the one-to-one matching of two sets of them. */
final class Overlap {

    private Overlap() {
    }

    /** A matched pair: indexes into the two lists, and their overlap. */
    record Pair(int a, int b, double iou) {
    }

    /**
     * Pairs boxes of {@code a} and {@code b} one to one where they overlap by at least {@code threshold}: as many
     * pairs as there can be, and among those the largest total overlap (weights 1 + IoU), so a box that fits two
     * others goes to the one that leaves its rival a partner.
     */
    static List<Pair> match(List<Shape> a, List<Shape> b, double threshold) {
        double[][] w = new double[a.size()][b.size()];
        boolean any = false;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                double iou = a.get(i).iou(b.get(j));
                if (iou >= threshold && iou > 0) {
                    w[i][j] = 1 + iou;
                    any = true;
                }
            }
        }
        List<Pair> out = new ArrayList<>();
        if (!any) {
            return out;
        }
        int[] col = Hungarian.maximize(w);
        for (int i = 0; i < col.length; i++) {
            if (col[i] >= 0) {
                out.add(new Pair(i, col[i], a.get(i).iou(b.get(col[i]))));
            }
        }
        return out;
    }
}
