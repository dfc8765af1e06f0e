package dev.loupe.train;

/**
 * The YOLOX head's output rows: one per grid cell of stride 8, then 16, then 32, row-major within a level,
 * each with its cell (gx, gy) and stride.
 */
final class Anchors {
    static final int[] STRIDES = {8, 16, 32};

    final float[] gx;
    final float[] gy;
    final float[] stride;

    Anchors(int inputWidth, int inputHeight) {
        int n = 0;
        for (int s : STRIDES) {
            n += (inputWidth / s) * (inputHeight / s);
        }
        gx = new float[n];
        gy = new float[n];
        stride = new float[n];
        int row = 0;
        for (int s : STRIDES) {
            for (int y = 0; y < inputHeight / s; y++) {
                for (int x = 0; x < inputWidth / s; x++, row++) {
                    gx[row] = x;
                    gy[row] = y;
                    stride[row] = s;
                }
            }
        }
    }

    int size() {
        return gx.length;
    }
}
