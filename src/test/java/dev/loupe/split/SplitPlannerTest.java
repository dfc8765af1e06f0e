package dev.loupe.split;

import dev.loupe.core.Split;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whole groups (an image and its copies) go to one side, each stratum keeps the fraction, and a seed repeats. */
class SplitPlannerTest {

    @Property(tries = 100)
    void noImageIsEverOnAnotherSideThanItsCopies(@ForAll @IntRange(min = 1, max = 300) int originals,
                                                 @ForAll @IntRange(min = 0, max = 5) int copiesEach,
                                                 @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] ids = new long[originals * (1 + copiesEach)];
        Map<Long, Long> sourceOf = new HashMap<>();
        Map<Long, Integer> stratum = new HashMap<>();
        int n = 0;
        long next = 1;
        for (int o = 0; o < originals; o++) {
            long original = next++;
            ids[n++] = original;
            stratum.put(original, random.nextInt(4));
            long parent = original;
            for (int c = 0; c < copiesEach; c++) {
                long copy = next++;
                ids[n++] = copy;
                // some copies are made from copies: still one group
                sourceOf.put(copy, random.nextBoolean() ? original : parent);
                parent = copy;
            }
        }
        Map<Long, Split> sides = SplitPlanner.plan(ids, sourceOf, stratum, 0.3, 0.1, seed);
        assertEquals(ids.length, sides.size());
        sourceOf.forEach((copy, source) -> assertEquals(sides.get(source), sides.get(copy),
                "image " + copy + " and its source " + source));
        for (int s = 0; s < 4; s++) {
            int stratumSize = 0;
            int test = 0;
            for (Map.Entry<Long, Integer> e : stratum.entrySet()) {
                if (e.getValue() == s) {
                    stratumSize++;
                    test += sides.get(e.getKey()) == Split.TEST ? 1 : 0;
                }
            }
            assertEquals(Math.round(0.3 * stratumSize), test, "stratum " + s + " of " + stratumSize + " originals");
        }
        assertEquals(sides, SplitPlanner.plan(ids, sourceOf, stratum, 0.3, 0.1, seed), "the same seed, the same split");
        assertEquals(java.util.Arrays.stream(ids).boxed().collect(java.util.stream.Collectors.toSet()), sides.keySet(),
                "every image is on a side");
    }
}
