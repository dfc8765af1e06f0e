package dev.loupe.review;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws a stage's sample: a seeded shuffle, so the same seed always picks the same images. */
public final class StageSampler {

    private StageSampler() {
    }

    /** {@code percent}% of the eligible ids (rounded up, at least one when any), ascending. */
    public static long[] sample(long[] eligible, double percent, long seed) {
        long[] ids = eligible.clone();
        Arrays.sort(ids); // the draw depends on the set, not on the order it arrived in
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = ids.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            long t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        long[] out = Arrays.copyOf(ids, count(ids.length, percent));
        Arrays.sort(out);
        return out;
    }

    /** How many of {@code eligible} images {@code percent}% is: rounded up, at least one when there are any. */
    public static int count(int eligible, double percent) {
        checkPercent(percent);
        int n = (int) Math.ceil(eligible * percent / 100.0 - 1e-9);
        return Math.min(eligible, Math.max(eligible == 0 ? 0 : 1, n));
    }

    /** Refuses a percentage outside (0, 100]. */
    public static void checkPercent(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("sample percentage must be within (0, 100], was " + percent);
        }
    }
}
