package dev.loupe.duplicates;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How many of two images' SURF points one similarity map (scale, rotation, shift) explains: points matched by
 * nearest descriptor with Lowe's ratio test, then a seeded two-point RANSAC whose inliers must land within 1% of
 * the long side, agree with the map's scale and rotation in their own radius and orientation, and spread over at
 * least {@value #MIN_SPREAD} of the first image (repeated tiles or text bunch up in one spot). On coco-dev an
 * augmented copy keeps 19 or more such points with its source, two unrelated pictures at most 6.
 */
public final class SimilarityMatch {
    private static final float RATIO_SQ = 0.64f;
    private static final int ITERATIONS = 200;
    private static final double MIN_SPREAD = 0.05;
    private static final double MIN_SCALE = 0.25;
    private static final double MAX_SCALE = 4;
    private static final double RADIUS_TOLERANCE = 1.43;
    private static final double ANGLE_TOLERANCE = 0.35;

    private SimilarityMatch() {
    }

    /** The largest number of points one similarity map carries from {@code a} onto {@code b}. */
    public static int inliers(ImageFeatures a, ImageFeatures b) {
        List<int[]> pairs = ratioMatches(a, b);
        if (pairs.size() < 2) {
            return pairs.size();
        }
        double tolerance = 0.01 * Math.max(b.width(), b.height());
        SplittableRandom random = new SplittableRandom(1);
        int best = 0;
        for (int it = 0; it < ITERATIONS; it++) {
            int[] p = pairs.get(random.nextInt(pairs.size()));
            int[] q = pairs.get(random.nextInt(pairs.size()));
            double ux = a.x()[q[0]] - a.x()[p[0]];
            double uy = a.y()[q[0]] - a.y()[p[0]];
            double vx = b.x()[q[1]] - b.x()[p[1]];
            double vy = b.y()[q[1]] - b.y()[p[1]];
            double uu = ux * ux + uy * uy;
            if (uu < 100) {
                continue;
            }
            double sa = (ux * vx + uy * vy) / uu;
            double sb = (ux * vy - uy * vx) / uu;
            double scale = Math.hypot(sa, sb);
            if (scale < MIN_SCALE || scale > MAX_SCALE) {
                continue;
            }
            double tx = b.x()[p[1]] - (sa * a.x()[p[0]] - sb * a.y()[p[0]]);
            double ty = b.y()[p[1]] - (sb * a.x()[p[0]] + sa * a.y()[p[0]]);
            best = Math.max(best, consensus(a, b, pairs, sa, sb, tx, ty, scale, tolerance));
        }
        return best;
    }

    private static int consensus(ImageFeatures a, ImageFeatures b, List<int[]> pairs, double sa, double sb,
                                 double tx, double ty, double scale, double tolerance) {
        double rotation = Math.atan2(sb, sa);
        int in = 0;
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (int[] k : pairs) {
            double x = a.x()[k[0]];
            double y = a.y()[k[0]];
            double ex = sa * x - sb * y + tx - b.x()[k[1]];
            double ey = sb * x + sa * y + ty - b.y()[k[1]];
            if (ex * ex + ey * ey >= tolerance * tolerance) {
                continue;
            }
            double radius = b.radius()[k[1]] / (a.radius()[k[0]] * scale);
            if (radius < 1 / RADIUS_TOLERANCE || radius > RADIUS_TOLERANCE) {
                continue;
            }
            double turn = Math.IEEEremainder(b.orientation()[k[1]] - a.orientation()[k[0]] - rotation, 2 * Math.PI);
            if (Math.abs(turn) > ANGLE_TOLERANCE) {
                continue;
            }
            in++;
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x);
            y0 = Math.min(y0, y);
            y1 = Math.max(y1, y);
        }
        double spread = in == 0 ? 0 : (x1 - x0) * (y1 - y0) / ((double) a.width() * a.height());
        return spread < MIN_SPREAD ? 0 : in;
    }

    /** Each point of {@code a} with its nearest descriptor in {@code b}, kept when clearly nearer than the next. */
    static List<int[]> ratioMatches(ImageFeatures a, ImageFeatures b) {
        List<int[]> out = new ArrayList<>();
        float[][] bd = b.descriptors();
        for (int i = 0; i < a.size(); i++) {
            float[] da = a.descriptors()[i];
            float best = Float.MAX_VALUE;
            float second = Float.MAX_VALUE;
            int at = -1;
            for (int j = 0; j < bd.length; j++) {
                float[] db = bd[j];
                float sum = 0;
                for (int k = 0; k < da.length && sum < second; k++) {
                    float d = da[k] - db[k];
                    sum += d * d;
                }
                if (sum < best) {
                    second = best;
                    best = sum;
                    at = j;
                } else if (sum < second) {
                    second = sum;
                }
            }
            if (at >= 0 && best < RATIO_SQ * second) {
                out.add(new int[]{i, at});
            }
        }
        return out;
    }
}
