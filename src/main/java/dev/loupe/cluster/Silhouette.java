package dev.loupe.cluster;

import java.util.SplittableRandom;

/** Mean silhouette of a clustering (Euclidean), on a seeded sample so that it stays cheap on 100k boxes. */
final class Silhouette {
    static final int SAMPLE = 2000;

    private Silhouette() {
    }

    /** In [-1, 1]; higher means tighter, better separated clusters. Single-member clusters count 0. */
    static double mean(double[][] rows, int[] cluster, int k, long seed) {
        int[] sample = sample(rows.length, seed);
        double total = 0;
        for (int i : sample) {
            double[] sum = new double[k];
            int[] count = new int[k];
            for (int j : sample) {
                if (j != i) {
                    sum[cluster[j]] += distance(rows[i], rows[j]);
                    count[cluster[j]]++;
                }
            }
            int own = cluster[i];
            if (count[own] == 0) {
                continue;
            }
            double a = sum[own] / count[own];
            double b = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                if (c != own && count[c] > 0) {
                    b = Math.min(b, sum[c] / count[c]);
                }
            }
            if (b != Double.MAX_VALUE) {
                total += (b - a) / Math.max(a, b);
            }
        }
        return total / sample.length;
    }

    private static int[] sample(int n, long seed) {
        if (n <= SAMPLE) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        return new SplittableRandom(seed).ints(0, n).distinct().limit(SAMPLE).sorted().toArray();
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int f = 0; f < a.length; f++) {
            double d = a[f] - b[f];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
