package dev.loupe.split;

import dev.loupe.core.Split;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A leak-free split: images are grouped with their near-twins (a source image and every copy of it, a clip's
 * frames, near-duplicates) and whole groups go to one side, so no test image has a near-twin in training. Groups
 * are stratified by the cluster of the image that names them, shuffled with the seed, and each stratum gives
 * round(fraction x size) groups to test (and to validation), the rest to training.
 */
public final class SplitPlanner {

    private SplitPlanner() {
    }

    /**
     * @param groupOf    image id to the id of the image it goes with (e.g. the source of an augmented copy); an image
     *                   absent here names its own group
     * @param stratumOf  a group's image id to its stratum (e.g. its cluster); absent = one common stratum
     */
    public static Map<Long, Split> plan(long[] imageIds, Map<Long, Long> groupOf, Map<Long, Integer> stratumOf,
                                        double testFraction, double validationFraction, long seed) {
        if (testFraction < 0 || validationFraction < 0 || testFraction + validationFraction >= 1) {
            throw new IllegalArgumentException("test (" + testFraction + ") and validation (" + validationFraction
                    + ") fractions must be at least 0 and add up to less than 1");
        }
        Map<Long, List<Long>> groups = new TreeMap<>();
        for (long id : imageIds) {
            long root = root(id, groupOf);
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

    /** The image that names an image's group (following links: a copy of a copy to the original). */
    static long root(long id, Map<Long, Long> groupOf) {
        long at = id;
        for (int hops = 0; groupOf.containsKey(at); hops++) {
            if (hops > groupOf.size()) {
                throw new IllegalStateException("the group links of image " + id + " form a cycle");
            }
            at = groupOf.get(at);
        }
        return at;
    }
}
