package dev.loupe.review;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws a stage's sample: a seeded shuffle, so the same seed always picks the same images. */
public final class StageSampler {

    private StageSampler() {
    }

    /** {@code percent}% of the eligible ids (rounded up, at least one when any), ascending. */
    public static long[] sample(long[] eligible, double percent, long seed) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("sample percentage must be within (0, 100], was " + percent);
        }
        long[] ids = eligible.clone();
        Arrays.sort(ids); // the draw depends on the set, not on the order it arrived in
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = ids.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            long t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        int n = (int) Math.ceil(ids.length * percent / 100.0 - 1e-9);
        long[] out = Arrays.copyOf(ids, Math.min(ids.length, Math.max(ids.length == 0 ? 0 : 1, n)));
        Arrays.sort(out);
        return out;
    }
}
