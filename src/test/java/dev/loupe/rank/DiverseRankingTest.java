package dev.loupe.rank;

import dev.loupe.eval.EvalBox;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DiverseRankingTest {

    private static DiverseRanking.Candidate image(long id, double uncertainty, double... profile) {
        return new DiverseRanking.Candidate(id, uncertainty, profile);
    }

    private static List<Long> ids(List<RankedImage> ranked) {
        return ranked.stream().map(RankedImage::imageId).toList();
    }

    private static EvalBox scored(double score) {
        return new EvalBox(1, "person", 0, 0, 10, 10, score, false);
    }

    @Test
    void uncertaintyIsTheSummedEntropyOfPredictionsAboveTheFloor() {
        assertEquals(1.0, Uncertainty.of(List.of(scored(0.5)), 1), 1e-12);
        assertEquals(2.0, Uncertainty.of(List.of(scored(0.5), scored(0.5), scored(0.01)), 1), 1e-12,
                "faint guesses are noise");
        assertEquals(Uncertainty.entropy(0.99), Uncertainty.of(List.of(scored(0.99)), 1), 1e-12);
        assertEquals(0.0808, Uncertainty.entropy(0.99), 1e-4);
    }

    @Test
    void scoresCountRelativeToTheModelsSurest() {
        // a model new to its class: everything near 0.01-0.03, yet 0.015 is as unsure as 0.5 of a calibrated one
        List<EvalBox> lowScale = List.of(scored(0.03), scored(0.015), scored(0.001));
        assertEquals(0.03, Uncertainty.scale(lowScale), 1e-12);
        assertEquals(1.0, Uncertainty.of(List.of(scored(0.015)), 0.03), 1e-12);
        assertEquals(0.0, Uncertainty.of(List.of(scored(0.03)), 0.03), 1e-12, "its surest is sure");
        assertEquals(0.0, Uncertainty.of(List.of(scored(0.001)), 0.03), 1e-12, "under 5% of its surest: noise");
        assertEquals(1.0, Uncertainty.scale(List.of()), 1e-12);
    }

    @Test
    void withoutDiversityTheLeastSureComeFirst() {
        List<RankedImage> ranked = DiverseRanking.rank(List.of(image(1, 0.5, 1, 0), image(2, 2.0, 1, 0),
                image(3, 1.0, 1, 0)), 3, 0, Map.of());
        assertEquals(List.of(2L, 3L, 1L), ids(ranked));
    }

    @Test
    void anImageLikeOneRankedBeforeGivesWayToADifferentScene() {
        // two person scenes and a slightly surer street scene: the second person scene is worth less than the street
        List<DiverseRanking.Candidate> images = List.of(image(1, 2.0, 3, 0), image(2, 1.9, 2.8, 0.1),
                image(3, 1.5, 0, 2));
        assertEquals(List.of(1L, 3L, 2L), ids(DiverseRanking.rank(images, 3, 0.5, Map.of())));
        RankedImage second = DiverseRanking.rank(images, 3, 0.5, Map.of()).get(2);
        assertEquals(1.9 * (1 - 0.5 * second.likeness()), second.value(), 1e-12);
        assertEquals(List.of(1L, 2L, 3L), ids(DiverseRanking.rank(images, 3, 0, Map.of())));
    }

    @Test
    void aNearDuplicateOfARankedImageIsLeftOut() {
        // 5 and 7 are one group named 5: whichever comes first, the other is not ranked
        List<RankedImage> ranked = DiverseRanking.rank(List.of(image(5, 1, 1), image(6, 2, 1), image(7, 3, 1)), 3, 0,
                Map.of(7L, 5L));
        assertEquals(List.of(7L, 6L), ids(ranked));
    }

    @Test
    void theLazyQueueRanksAsTheFullGreedyDoes() {
        Random r = new Random(4);
        List<DiverseRanking.Candidate> images = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            images.add(image(i, r.nextDouble() * 5, r.nextDouble(), r.nextDouble(), r.nextDouble() < 0.3 ? 2 : 0));
        }
        assertEquals(greedy(images, 40, 0.7), ids(DiverseRanking.rank(images, 40, 0.7, Map.of())));
    }

    @Test
    void diversityOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DiverseRanking.rank(List.of(), 1, 1.5, Map.of()));
    }

    /** Every pick recomputes every value: the slow definition the ranking must equal. */
    private static List<Long> greedy(List<DiverseRanking.Candidate> images, int top, double diversity) {
        List<DiverseRanking.Candidate> left = new ArrayList<>(images);
        List<DiverseRanking.Candidate> picked = new ArrayList<>();
        while (picked.size() < top) {
            DiverseRanking.Candidate best = null;
            double bestValue = -1;
            for (DiverseRanking.Candidate c : left) {
                double like = 0;
                for (DiverseRanking.Candidate p : picked) {
                    like = Math.max(like, cosine(c.profile(), p.profile()));
                }
                double value = c.uncertainty() * (1 - diversity * like);
                if (value > bestValue) {
                    best = c;
                    bestValue = value;
                }
            }
            picked.add(best);
            left.remove(best);
        }
        return picked.stream().map(DiverseRanking.Candidate::imageId).toList();
    }

    private static double cosine(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int k = 0; k < a.length; k++) {
            ab += a[k] * b[k];
            aa += a[k] * a[k];
            bb += b[k] * b[k];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
