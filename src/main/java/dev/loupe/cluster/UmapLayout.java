package dev.loupe.cluster;

import smile.manifold.UMAP;
import smile.math.MathEx;
import smile.math.distance.ManhattanDistance;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * 2-D UMAP of box features with the manhattan metric (Smile). Smile finds neighbours by linear search, which is
 * quadratic: above {@link #FIT_MAX} points the layout is fitted on a seeded sample of that size and every other
 * point is placed at the distance-weighted mean of its nearest sampled neighbours (how umap-learn's transform
 * starts). Smile embeds only the largest connected part of the neighbour graph; the other fitted points get NaN
 * (they are still clustered). The seed fixes the sample and the layout's sampling; the spectral start comes
 * from ARPACK, whose start vector changes from call to call, so layouts match in shape, not to the bit.
 */
public final class UmapLayout {
    public static final int FIT_MAX = 20_000;

    private UmapLayout() {
    }

    /** One {x, y} per row; NaN for rows left out. */
    public static double[][] of(double[][] rows, int neighbours, double minDist, long seed) {
        double[][] out = new double[rows.length][2];
        for (double[] p : out) {
            Arrays.fill(p, Double.NaN);
        }
        int[] fit = rows.length <= FIT_MAX ? IntStream.range(0, rows.length).toArray()
                : new SplittableRandom(seed).ints(0, rows.length).distinct().limit(FIT_MAX).sorted().toArray();
        if (fit.length <= neighbours + 1) {
            return out;
        }
        double[][] sample = new double[fit.length][];
        for (int i = 0; i < fit.length; i++) {
            sample[i] = rows[fit[i]];
        }
        MathEx.setSeed(seed);
        int epochs = fit.length > 10_000 ? 200 : 500;
        UMAP umap = UMAP.of(sample, new ManhattanDistance(), neighbours, 2, epochs, 1.0, minDist, 1.0, 5, 1.0);
        int[] placed = new int[umap.index.length];
        for (int i = 0; i < umap.index.length; i++) {
            placed[i] = fit[umap.index[i]];
            out[placed[i]] = umap.coordinates[i].clone();
        }
        if (fit.length < rows.length) {
            placeByNeighbours(rows, out, fit, placed, neighbours);
        }
        return out;
    }

    /** Rows outside the fitted sample go to the weighted mean of their nearest placed rows (inverse distance). */
    private static void placeByNeighbours(double[][] rows, double[][] out, int[] fit, int[] placed, int k) {
        boolean[] inFit = new boolean[rows.length];
        for (int i : fit) {
            inFit[i] = true;
        }
        IntStream.range(0, rows.length).parallel().filter(r -> !inFit[r]).forEach(r -> {
            int[] best = new int[k];
            double[] bestD = new double[k];
            Arrays.fill(bestD, Double.MAX_VALUE);
            double[] q = rows[r];
            for (int p : placed) {
                double d = 0;
                double[] x = rows[p];
                for (int f = 0; f < q.length; f++) {
                    d += Math.abs(q[f] - x[f]);
                }
                if (d < bestD[k - 1]) {
                    int j = k - 1;
                    while (j > 0 && bestD[j - 1] > d) {
                        bestD[j] = bestD[j - 1];
                        best[j] = best[j - 1];
                        j--;
                    }
                    bestD[j] = d;
                    best[j] = p;
                }
            }
            double wx = 0;
            double wy = 0;
            double w = 0;
            for (int j = 0; j < k && bestD[j] != Double.MAX_VALUE; j++) {
                double weight = 1 / (bestD[j] + 1e-9);
                wx += weight * out[best[j]][0];
                wy += weight * out[best[j]][1];
                w += weight;
            }
            out[r] = w == 0 ? new double[]{Double.NaN, Double.NaN} : new double[]{wx / w, wy / w};
        });
    }
}
