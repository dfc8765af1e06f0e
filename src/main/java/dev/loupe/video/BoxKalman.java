package dev.loupe.video;

/**
 * A box's motion as SORT models it: centre, area and aspect ratio, with velocities for centre and area (constant
 * velocity), filtered with a Kalman filter. Plain arrays: the state is seven numbers.
 */
final class BoxKalman {
    private static final int N = 7;
    private final double[] x = new double[N];
    private final double[][] p = new double[N][N];

    BoxKalman(double bx, double by, double bw, double bh) {
        double[] z = measure(bx, by, bw, bh);
        System.arraycopy(z, 0, x, 0, 4);
        double[] initial = {10, 10, 10, 10, 1e4, 1e4, 1e4}; // velocities unknown at first
        for (int i = 0; i < N; i++) {
            p[i][i] = initial[i];
        }
    }

    private static double[] measure(double bx, double by, double bw, double bh) {
        return new double[]{bx + bw / 2, by + bh / 2, bw * bh, bw / bh};
    }

    /** Moves the state one frame on. */
    void predict() {
        if (x[2] + x[6] <= 0) {
            x[6] = 0; // an area cannot shrink below nothing
        }
        x[0] += x[4];
        x[1] += x[5];
        x[2] += x[6];
        // P = F P F' + Q, F adding the velocities (4..6) to the positions (0..2)
        double[][] fp = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                fp[i][j] = p[i][j] + (i < 3 ? p[i + 4][j] : 0);
            }
        }
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                p[i][j] = fp[i][j] + (j < 3 ? fp[i][j + 4] : 0);
            }
        }
        double[] q = {1, 1, 1, 1, 0.01, 0.01, 1e-4};
        for (int i = 0; i < N; i++) {
            p[i][i] += q[i];
        }
    }

    /** Takes a detection of the box. */
    void update(double bx, double by, double bw, double bh) {
        double[] z = measure(bx, by, bw, bh);
        double[] r = {1, 1, 10, 10};
        // S = H P H' + R (H picks the first four), K = P H' S^-1
        double[][] s = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                s[i][j] = p[i][j] + (i == j ? r[i] : 0);
            }
        }
        double[][] sInv = invert4(s);
        double[][] k = new double[N][4];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 4; j++) {
                for (int m = 0; m < 4; m++) {
                    k[i][j] += p[i][m] * sInv[m][j];
                }
            }
        }
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) {
            y[i] = z[i] - x[i];
        }
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 4; j++) {
                x[i] += k[i][j] * y[j];
            }
        }
        // P = (I - K H) P
        double[][] next = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double kh = 0;
                for (int m = 0; m < 4; m++) {
                    kh += k[i][m] * p[m][j];
                }
                next[i][j] = p[i][j] - kh;
            }
        }
        for (int i = 0; i < N; i++) {
            System.arraycopy(next[i], 0, p[i], 0, N);
        }
    }

    /** The current box estimate as {x, y, w, h}. */
    double[] box() {
        double area = Math.max(1e-6, x[2]);
        double ratio = Math.max(1e-6, x[3]);
        double w = Math.sqrt(area * ratio);
        double h = area / w;
        return new double[]{x[0] - w / 2, x[1] - h / 2, w, h};
    }

    /** Gauss-Jordan on a 4 x 4 matrix (S is symmetric positive definite: no pivoting trouble). */
    private static double[][] invert4(double[][] m) {
        double[][] a = new double[4][8];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(m[i], 0, a[i], 0, 4);
            a[i][4 + i] = 1;
        }
        for (int c = 0; c < 4; c++) {
            int pivot = c;
            for (int r = c + 1; r < 4; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[pivot];
            a[pivot] = tmp;
            double d = a[c][c];
            for (int j = 0; j < 8; j++) {
                a[c][j] /= d;
            }
            for (int r = 0; r < 4; r++) {
                if (r != c) {
                    double f = a[r][c];
                    for (int j = 0; j < 8; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[4][4];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(a[i], 4, inv[i], 0, 4);
        }
        return inv;
    }
}
