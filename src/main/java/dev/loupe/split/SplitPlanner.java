package dev.loupe.split;

import dev.loupe.core.Split;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A leak-free split: images are grouped with their augmented copies (a group is one source image and every
 * copy of it) and whole groups go to one side, so no test image has a near-twin in training. Groups are
 * stratified by the source image's cluster, shuffled with the seed, and each stratum gives round(fraction x
 * size) groups to test (and to validation), the rest to training.
 */
public final class SplitPlanner {

    private SplitPlanner() {
    }

    /**
     * @param sourceOf   image id to the id of the image it was augmented from (originals are absent)
     * @param stratumOf  original image id to its stratum (e.g. its cluster); absent = one common stratum
     */
    public static Map<Long, Split> plan(long[] imageIds, Map<Long, Long> sourceOf, Map<Long, Integer> stratumOf,
                                        double testFraction, double validationFraction, long seed) {
        if (testFraction < 0 || validationFraction < 0 || testFraction + validationFraction >= 1) {
            throw new IllegalArgumentException("test (" + testFraction + ") and validation (" + validationFraction
                    + ") fractions must be at least 0 and add up to less than 1");
        }
        Map<Long, List<Long>> groups = new TreeMap<>();
        for (long id : imageIds) {
            long root = root(id, sourceOf);
            groups.computeIfAbsent(root, k -> new ArrayList<>()).add(id);
        }
        Map<Integer, List<Long>> strata = new TreeMap<>();
        groups.keySet().forEach(root -> strata.computeIfAbsent(stratumOf.getOrDefault(root, -1),
                k -> new ArrayList<>()).add(root));
        Map<Long, Split> out = new TreeMap<>();
        Random random = new Random(seed);
        for (List<Long> roots : strata.values()) {
            Collections.shuffle(roots, random);
            int test = (int) Math.round(testFraction * roots.size());
            int validation = (int) Math.round(validationFraction * roots.size());
            for (int i = 0; i < roots.size(); i++) {
                Split side = i < test ? Split.TEST : i < test + validation ? Split.VALIDATION : Split.TRAIN;
                groups.get(roots.get(i)).forEach(id -> out.put(id, side));
            }
        }
        return out;
    }

    /** The original an image descends from (copies of copies included). */
    static long root(long id, Map<Long, Long> sourceOf) {
        long at = id;
        for (int hops = 0; sourceOf.containsKey(at); hops++) {
            if (hops > sourceOf.size()) {
                throw new IllegalStateException("augmentation links of image " + id + " form a cycle");
            }
            at = sourceOf.get(at);
        }
        return at;
    }
}
