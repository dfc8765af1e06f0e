package dev.loupe.duplicates;

import dev.loupe.jobs.JobContext;
import dev.loupe.jobs.Workers;
import org.ddogleg.nn.FactoryNearestNeighbor;
import org.ddogleg.nn.NearestNeighbor;
import org.ddogleg.nn.NnData;
import org.ddogleg.nn.alg.distance.KdTreeEuclideanSq_F64;
import org.ddogleg.struct.DogArray;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Which pictures are worth checking against each other: each point (and its mirror) votes for the picture that
 * holds its nearest neighbour among all pictures' points, when clearly nearer than any other picture's. Descriptors
 * are projected onto their 16 main axes so a kd random forest searches them well. Pairs with at least
 * {@code minVotes} votes are candidates; on coco-dev and its copies 3 votes keep every copy with its source.
 */
public final class CandidatePairs {
    static final int DIMENSIONS = 16;
    private static final int NEIGHBOURS = 6;
    private static final int NODES_SEARCHED = 20;
    private static final int TREES = 4;
    private static final double RATIO_SQ = 0.64;
    private static final int CHUNK = 16;

    private CandidatePairs() {
    }

    /** Candidate pairs as {i, j} with i < j, indexes into {@code pictures}. */
    public static List<int[]> find(List<ImageFeatures> pictures, int minVotes) throws InterruptedException {
        return find(pictures, minVotes, JobContext.silent());
    }

    /** As {@link #find(List, int)}, searching on all cores; reports pictures searched and stops when cancelled. */
    public static List<int[]> find(List<ImageFeatures> pictures, int minVotes, JobContext ctx)
            throws InterruptedException {
        Projection projection = Projection.of(pictures);
        List<double[]> points = new ArrayList<>();
        int[] owner = new int[pictures.stream().mapToInt(ImageFeatures::size).sum()];
        for (int i = 0; i < pictures.size(); i++) {
            for (float[] d : pictures.get(i).descriptors()) {
                owner[points.size()] = i;
                points.add(projection.apply(d));
            }
        }
        NearestNeighbor<double[]> forest = FactoryNearestNeighbor.kdRandomForest(
                new KdTreeEuclideanSq_F64(DIMENSIONS), NODES_SEARCHED, TREES, 5, 3);
        forest.setPoints(points, true);
        Map<Long, Integer> votes = new HashMap<>();
        ExecutorService pool = Workers.pool("loupe-duplicates");
        try {
            List<Future<Map<Long, Integer>>> chunks = new ArrayList<>();
            for (int from = 0; from < pictures.size(); from += CHUNK) {
                int start = from;
                int end = Math.min(pictures.size(), from + CHUNK);
                chunks.add(pool.submit(() -> votes(pictures, start, end, forest, projection, owner, ctx)));
            }
            for (int c = 0; c < chunks.size(); c++) {
                ctx.checkCancelled();
                Workers.await(chunks.get(c)).forEach((pair, n) -> votes.merge(pair, n, Integer::sum));
                ctx.progress(Math.min(pictures.size(), (c + 1L) * CHUNK), pictures.size());
            }
        } finally {
            pool.shutdownNow();
        }
        List<int[]> out = new ArrayList<>();
        votes.forEach((pair, n) -> {
            if (n >= minVotes) {
                out.add(new int[]{(int) (pair >>> 32), (int) (pair & 0xFFFFFFFFL)});
            }
        });
        out.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        return out;
    }

    /** The votes of pictures {@code from} to {@code end} (exclusive) and their mirrors, by pair. */
    private static Map<Long, Integer> votes(List<ImageFeatures> pictures, int from, int end,
                                            NearestNeighbor<double[]> forest, Projection projection, int[] owner,
                                            JobContext ctx) {
        NearestNeighbor.Search<double[]> search = forest.createSearch();
        DogArray<NnData<double[]>> found = new DogArray<>(NnData::new);
        Map<Long, Integer> votes = new HashMap<>();
        for (int i = from; i < end && !ctx.isCancelled(); i++) {
            ImageFeatures picture = pictures.get(i);
            for (ImageFeatures side : List.of(picture, picture.mirrored())) {
                for (float[] d : side.descriptors()) {
                    search.findNearest(projection.apply(d), -1, NEIGHBOURS, found);
                    int voted = vote(i, found, owner);
                    if (voted >= 0) {
                        votes.merge((long) Math.min(i, voted) << 32 | Math.max(i, voted), 1, Integer::sum);
                    }
                }
            }
        }
        return votes;
    }

    /** The other picture holding the nearest point, when the nearest of any third picture is clearly farther. */
    private static int vote(int self, DogArray<NnData<double[]>> found, int[] owner) {
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        double runnerUp = Double.MAX_VALUE;
        for (int k = 0; k < found.size; k++) {
            NnData<double[]> n = found.get(k);
            int o = owner[n.index];
            if (o == self) {
                continue;
            }
            if (n.distance < bestDistance) {
                if (o != best) {
                    runnerUp = bestDistance;
                }
                best = o;
                bestDistance = n.distance;
            } else if (o != best && n.distance < runnerUp) {
                runnerUp = n.distance;
            }
        }
        return best >= 0 && bestDistance < RATIO_SQ * runnerUp ? best : -1;
    }

    /** The descriptors' mean and main axes, from the pictures themselves. */
    record Projection(double[] mean, double[][] axes) {
        static Projection of(List<ImageFeatures> pictures) {
            double[] mean = new double[64];
            long n = 0;
            for (ImageFeatures p : pictures) {
                for (float[] d : p.descriptors()) {
                    for (int k = 0; k < 64; k++) {
                        mean[k] += d[k];
                    }
                    n++;
                }
            }
            for (int k = 0; k < 64; k++) {
                mean[k] /= Math.max(1, n);
            }
            DMatrixRMaj covariance = new DMatrixRMaj(64, 64);
            double[] c = new double[64];
            for (ImageFeatures p : pictures) {
                for (float[] d : p.descriptors()) {
                    for (int k = 0; k < 64; k++) {
                        c[k] = d[k] - mean[k];
                    }
                    for (int r = 0; r < 64; r++) {
                        for (int q = r; q < 64; q++) {
                            covariance.data[r * 64 + q] += c[r] * c[q];
                        }
                    }
                }
            }
            for (int r = 0; r < 64; r++) {
                for (int q = 0; q < r; q++) {
                    covariance.data[r * 64 + q] = covariance.data[q * 64 + r];
                }
            }
            EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(64, true, true);
            if (!eigen.decompose(covariance)) {
                throw new IllegalStateException("the descriptors' covariance has no eigen decomposition");
            }
            Integer[] order = new Integer[64];
            Arrays.setAll(order, k -> k);
            Arrays.sort(order, (a, b) -> Double.compare(eigen.getEigenvalue(b).real, eigen.getEigenvalue(a).real));
            double[][] axes = new double[DIMENSIONS][];
            for (int k = 0; k < DIMENSIONS; k++) {
                axes[k] = eigen.getEigenVector(order[k]).data.clone();
            }
            return new Projection(mean, axes);
        }

        double[] apply(float[] d) {
            double[] out = new double[axes.length];
            for (int k = 0; k < axes.length; k++) {
                double s = 0;
                for (int q = 0; q < 64; q++) {
                    s += (d[q] - mean[q]) * axes[k][q];
                }
                out[k] = s;
            }
            return out;
        }
    }
}
