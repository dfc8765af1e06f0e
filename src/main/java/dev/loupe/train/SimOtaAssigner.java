package dev.loupe.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * YOLOX's SimOTA label assignment on one image: anchors whose centre lies in a box or within 2.5 strides of its
 * centre are candidates; each box takes its k cheapest candidates, k being the sum of its 10 best IoUs (at
 * least 1), where the cost is the classification BCE plus 3 x -log IoU (plus a large penalty when the anchor is
 * not both in the box and near its centre); an anchor claimed by two boxes goes to the cheaper one.
 */
final class SimOtaAssigner {
    static final double CENTER_RADIUS = 2.5;
    static final int TOP_IOUS = 10;

    /** Per anchor: the index of its box or -1, and the IoU of its prediction with that box. */
    record Assignment(int[] box, double[] iou, int foreground) {
    }

    private SimOtaAssigner() {
    }

    /**
     * @param out    the model's output rows (85 floats each: raw box, objectness, class probabilities)
     * @param boxes  ground truth in input pixels
     */
    static Assignment assign(float[] out, int rowWidth, Anchors a, List<TargetBox> boxes) {
        int n = a.size();
        int[] owner = new int[n];
        Arrays.fill(owner, -1);
        double[] ownerCost = new double[n];
        double[] ownerIou = new double[n];
        if (boxes.isEmpty()) {
            return new Assignment(owner, ownerIou, 0);
        }
        double[][] pred = decode(out, rowWidth, a);
        for (int g = 0; g < boxes.size(); g++) {
            TargetBox t = boxes.get(g);
            double cx = (t.x1() + t.x2()) / 2;
            double cy = (t.y1() + t.y2()) / 2;
            List<Integer> cand = new ArrayList<>();
            List<Boolean> both = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double ax = (a.gx[i] + 0.5) * a.stride[i];
                double ay = (a.gy[i] + 0.5) * a.stride[i];
                double r = CENTER_RADIUS * a.stride[i];
                boolean inBox = ax > t.x1() && ax < t.x2() && ay > t.y1() && ay < t.y2();
                boolean inCenter = Math.abs(ax - cx) < r && Math.abs(ay - cy) < r;
                if (inBox || inCenter) {
                    cand.add(i);
                    both.add(inBox && inCenter);
                }
            }
            if (cand.isEmpty()) {
                continue;
            }
            double[] iou = new double[cand.size()];
            double[] cost = new double[cand.size()];
            for (int k = 0; k < cand.size(); k++) {
                int i = cand.get(k);
                iou[k] = t.iou(pred[i][0], pred[i][1], pred[i][2], pred[i][3]);
                double obj = out[i * rowWidth + 4];
                double cls = out[i * rowWidth + 5 + t.modelClass()];
                double p = Math.sqrt(Math.max(1e-12, obj * cls));
                cost[k] = -Math.log(Math.max(p, 1e-7)) + 3 * -Math.log(iou[k] + 1e-8) + (both.get(k) ? 0 : 100_000);
            }
            double[] sorted = iou.clone();
            Arrays.sort(sorted);
            double top = 0;
            for (int k = sorted.length - 1; k >= Math.max(0, sorted.length - TOP_IOUS); k--) {
                top += sorted[k];
            }
            int dynamicK = Math.max(1, (int) top);
            Integer[] order = new Integer[cand.size()];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (x, y) -> Double.compare(cost[x], cost[y]));
            for (int k = 0; k < Math.min(dynamicK, order.length); k++) {
                int i = cand.get(order[k]);
                if (owner[i] < 0 || cost[order[k]] < ownerCost[i]) {
                    owner[i] = g;
                    ownerCost[i] = cost[order[k]];
                    ownerIou[i] = iou[order[k]];
                }
            }
        }
        int fg = 0;
        for (int o : owner) {
            fg += o >= 0 ? 1 : 0;
        }
        return new Assignment(owner, ownerIou, fg);
    }

    /** Predicted corners in input pixels: cx = (p0 + gx) s, w = exp(p2) s. */
    static double[][] decode(float[] out, int rowWidth, Anchors a) {
        double[][] boxes = new double[a.size()][];
        for (int i = 0; i < a.size(); i++) {
            int b = i * rowWidth;
            double s = a.stride[i];
            double cx = (out[b] + a.gx[i]) * s;
            double cy = (out[b + 1] + a.gy[i]) * s;
            double w = Math.exp(Math.min(out[b + 2], 20)) * s;
            double h = Math.exp(Math.min(out[b + 3], 20)) * s;
            boxes[i] = new double[]{cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
        }
        return boxes;
    }
}
