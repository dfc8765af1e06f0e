package dev.loupe.core;

import java.util.Arrays;

/**
 * The assignment of rows to columns with the largest total weight (Kuhn-Munkres with potentials, O(n³)); a
 * rectangular matrix is padded with zero weights. Equal totals resolve the same way on every run.
 */
public final class Hungarian {

    private Hungarian() {
    }

    /** For each row, its column, or -1 when the row got none (or only a zero-weight pairing). */
    public static int[] maximize(double[][] weight) {
        int rows = weight.length;
        int cols = rows == 0 ? 0 : weight[0].length;
        int[] result = new int[rows];
        Arrays.fill(result, -1);
        if (rows == 0 || cols == 0) {
            return result;
        }
        int n = Math.max(rows, cols);
        // minimise cost = max - weight on the padded square matrix; 1-based arrays as in the textbook form
        double max = 0;
        for (double[] row : weight) {
            for (double w : row) {
                max = Math.max(max, w);
            }
        }
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] p = new int[n + 1];
        int[] way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[n + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cur = cost(weight, i0 - 1, j - 1, max) - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        for (int j = 1; j <= n; j++) {
            int row = p[j] - 1;
            int col = j - 1;
            if (row < rows && col < cols && weight[row][col] > 0) {
                result[row] = col;
            }
        }
        return result;
    }

    private static double cost(double[][] weight, int row, int col, double max) {
        boolean real = row < weight.length && col < weight[0].length;
        return max - (real ? weight[row][col] : 0);
    }
}
