package dev.loupe.train;

/** A ground-truth box in the model's input pixels (corners) and the model class it teaches. */
record TargetBox(double x1, double y1, double x2, double y2, int modelClass) {

    double area() {
        return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
    }

    double iou(double px1, double py1, double px2, double py2) {
        double iw = Math.min(x2, px2) - Math.max(x1, px1);
        double ih = Math.min(y2, py2) - Math.max(y1, py1);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / (area() + Math.max(0, px2 - px1) * Math.max(0, py2 - py1) - inter);
    }
}
