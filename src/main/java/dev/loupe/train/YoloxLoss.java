package dev.loupe.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

import java.util.List;

/**
 * YOLOX's detection loss on one image, from the head's output (objectness and class scores already through
 * the sigmoid): 5 x IoU loss (1 - IoU²) on the assigned anchors, objectness BCE on all anchors but those inside
 * ignore regions (objects of classes not being trained, crowds: the model rightly sees objects there), and class
 * BCE on the assigned anchors against IoU-weighted one-hot targets over the trained classes; all divided by the
 * number of assigned anchors, or for an image without any by {@code emptyNorm} (YOLOX divides by the batch's
 * count, so an empty image does not outweigh the rest). Classes not trained get no loss.
 */
final class YoloxLoss {
    static final float IOU_WEIGHT = 5f;
    private static final float EPS = 1e-7f;

    /** The loss and its parts, for the progress chart. */
    record Parts(NDArray total, float iou, float objectness, float classes, int foreground) {
    }

    private YoloxLoss() {
    }

    /**
     * @param output       [anchors, 85] for one image
     * @param trainClasses model class indices that are taught
     */
    static Parts of(NDArray output, Anchors a, List<TargetBox> boxes, List<TargetBox> ignore, int[] trainClasses,
                    float emptyNorm, NDManager m) {
        int rowWidth = (int) output.getShape().get(1);
        float[] values = output.toFloatArray();
        SimOtaAssigner.Assignment as = SimOtaAssigner.assign(values, rowWidth, a, boxes);
        int n = a.size();
        float norm = as.foreground() > 0 ? as.foreground() : emptyNorm;
        float[] objTarget = new float[n];
        float[] objWeight = new float[n];
        boolean[] fgMask = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (as.box()[i] >= 0) {
                objTarget[i] = 1;
                objWeight[i] = 1;
                fgMask[i] = true;
            } else {
                objWeight[i] = inside(ignore, (a.gx[i] + 0.5f) * a.stride[i], (a.gy[i] + 0.5f) * a.stride[i]) ? 0 : 1;
            }
        }
        NDArray obj = output.get(new NDIndex(":, 4"));
        NDArray objLoss = bce(obj, m.create(objTarget), m).mul(m.create(objWeight)).sum().div(scalar(m, norm));
        if (as.foreground() == 0) {
            return new Parts(objLoss, 0, objLoss.getFloat(), 0, 0);
        }
        int f = as.foreground();
        float[] gx = new float[f];
        float[] gy = new float[f];
        float[] s = new float[f];
        float[] tx1 = new float[f];
        float[] ty1 = new float[f];
        float[] tx2 = new float[f];
        float[] ty2 = new float[f];
        float[][] clsTarget = new float[trainClasses.length][f];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int g = as.box()[i];
            if (g < 0) {
                continue;
            }
            TargetBox t = boxes.get(g);
            gx[k] = a.gx[i];
            gy[k] = a.gy[i];
            s[k] = a.stride[i];
            tx1[k] = (float) t.x1();
            ty1[k] = (float) t.y1();
            tx2[k] = (float) t.x2();
            ty2[k] = (float) t.y2();
            for (int c = 0; c < trainClasses.length; c++) {
                clsTarget[c][k] = trainClasses[c] == t.modelClass() ? (float) as.iou()[i] : 0;
            }
            k++;
        }
        NDArray fg = output.get(m.create(fgMask));
        NDArray stride = m.create(s);
        NDArray cx = fg.get(new NDIndex(":, 0")).add(m.create(gx)).mul(stride);
        NDArray cy = fg.get(new NDIndex(":, 1")).add(m.create(gy)).mul(stride);
        NDArray w = fg.get(new NDIndex(":, 2")).clip(-20, 20).exp().mul(stride);
        NDArray h = fg.get(new NDIndex(":, 3")).clip(-20, 20).exp().mul(stride);
        NDArray halfW = w.div(scalar(m, 2));
        NDArray halfH = h.div(scalar(m, 2));
        NDArray px1 = cx.sub(halfW);
        NDArray py1 = cy.sub(halfH);
        NDArray px2 = cx.add(halfW);
        NDArray py2 = cy.add(halfH);
        NDArray ix1 = px1.maximum(m.create(tx1));
        NDArray iy1 = py1.maximum(m.create(ty1));
        NDArray ix2 = px2.minimum(m.create(tx2));
        NDArray iy2 = py2.minimum(m.create(ty2));
        NDArray zero = scalar(m, 0);
        NDArray inter = ix2.sub(ix1).maximum(zero).mul(iy2.sub(iy1).maximum(zero));
        NDArray targetArea = m.create(tx2).sub(m.create(tx1)).mul(m.create(ty2).sub(m.create(ty1)));
        NDArray union = w.mul(h).add(targetArea).sub(inter).add(scalar(m, 1e-9f));
        NDArray iou = inter.div(union);
        NDArray one = scalar(m, 1);
        NDArray iouLoss = one.sub(iou.square()).sum().div(scalar(m, norm)).mul(scalar(m, IOU_WEIGHT));
        NDArray clsLoss = null;
        for (int c = 0; c < trainClasses.length; c++) {
            NDArray p = fg.get(new NDIndex(":, " + (5 + trainClasses[c])));
            NDArray term = bce(p, m.create(clsTarget[c]), m).sum();
            clsLoss = clsLoss == null ? term : clsLoss.add(term);
        }
        clsLoss = clsLoss.div(scalar(m, norm));
        NDArray total = iouLoss.add(objLoss).add(clsLoss);
        return new Parts(total, iouLoss.getFloat(), objLoss.getFloat(), clsLoss.getFloat(), f);
    }

    private static boolean inside(List<TargetBox> regions, double x, double y) {
        for (TargetBox r : regions) {
            if (x > r.x1() && x < r.x2() && y > r.y1() && y < r.y2()) {
                return true;
            }
        }
        return false;
    }

    /** Binary cross-entropy of probabilities (clipped away from 0 and 1). */
    static NDArray bce(NDArray p, NDArray target, NDManager m) {
        NDArray q = p.clip(EPS, 1 - EPS);
        NDArray one = scalar(m, 1);
        return target.mul(q.log()).add(one.sub(target).mul(one.sub(q).log())).neg();
    }

    /**
     * A number as a tensor that lives as long as {@code m}. DJL's arithmetic with a plain number (x.div(2f))
     * wraps it in a tensor over a Java buffer and closes that at once, but autograd keeps the tensor for the
     * backward pass: a garbage collection in between freed the buffer and the gradients read junk.
     */
    static NDArray scalar(NDManager m, float value) {
        return m.create(value);
    }
}
