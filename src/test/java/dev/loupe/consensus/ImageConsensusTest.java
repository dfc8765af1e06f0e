package dev.loupe.consensus;

import dev.loupe.core.Hungarian;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Matching, agreement and merging on cases worked out by hand. */
class ImageConsensusTest {
    private static final double EPS = 1e-9;
    private static final ConsensusConfig MEAN = new ConsensusConfig(0.5, 2, ConsensusConfig.Fusion.MEAN);

    private static Shape box(int annotator, long id, String label, double x, double y, double w, double h) {
        return new Shape(annotator, id, label, x, y, w, h, Double.NaN);
    }

    @Test
    void theAssignmentWithTheLargestTotalIsFoundAlsoOnRectangles() {
        // greedy takes 9 (row 0 -> column 0) and leaves row 1 nothing: 9; the best is 8 + 8
        double[][] w = {{9, 8}, {8, 0}};
        assertArrayEquals(new int[]{1, 0}, Hungarian.maximize(w));
        double[][] three = {{9, 8, 0}, {8, 0, 7}, {0, 6, 0}};
        assertArrayEquals(new int[]{0, 2, 1}, nonZero(Hungarian.maximize(three), three));
        assertEquals(9 + 7 + 6, total(Hungarian.maximize(three), three), EPS);
        double[][] zeros = {{0, 3}, {0, 0}};
        assertArrayEquals(new int[]{1, -1}, Hungarian.maximize(zeros), "a zero pairing is no pairing");
        double[][] wide = {{1, 5, 2, 0}, {4, 6, 0, 1}};
        assertArrayEquals(new int[]{1, 0}, Hungarian.maximize(wide));
        double[][] tall = {{1}, {5}, {2}};
        assertArrayEquals(new int[]{-1, 0, -1}, Hungarian.maximize(tall));
    }

    /** The assignment with zero-weight pairings dropped (the padding's and the matrix's own zeros). */
    private static int[] nonZero(int[] cols, double[][] w) {
        int[] out = cols.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= 0 && w[i][out[i]] == 0) {
                out[i] = -1;
            }
        }
        return out;
    }

    private static double total(int[] cols, double[][] w) {
        double sum = 0;
        for (int i = 0; i < cols.length; i++) {
            sum += cols[i] >= 0 ? w[i][cols[i]] : 0;
        }
        return sum;
    }

    @Test
    void aBoxThatFitsTwoGoesWhereItLeavesItsRivalAPartner() {
        // a0 overlaps b0 (IoU 0.818) and b1 (0.667); a1 overlaps b0 only (0.818): a0 takes b1, so a1 gets b0
        List<Shape> a = List.of(box(0, 1, "p", 0, 0, 10, 10), box(0, 2, "p", 2, 0, 10, 10));
        List<Shape> b = List.of(box(1, 3, "p", 1, 0, 10, 10), box(1, 4, "p", -2, 0, 10, 10));
        List<Overlap.Pair> pairs = Overlap.match(a, b, 0.5);
        assertEquals(2, pairs.size());
        assertEquals(new Overlap.Pair(0, 1, 8.0 / 12.0), pairs.get(0));
        assertEquals(new Overlap.Pair(1, 0, 9.0 / 11.0), pairs.get(1));
    }

    @Test
    void equalOverlapsAreSettledTheSameWayEveryTime() {
        // the middle box overlaps its two neighbours equally (IoU 0.6): one of them, always the same
        List<Shape> a = List.of(box(0, 1, "p", 0, 0, 10, 10));
        List<Shape> b = List.of(box(1, 2, "p", -2.5, 0, 10, 10), box(1, 3, "p", 2.5, 0, 10, 10));
        Overlap.Pair first = Overlap.match(a, b, 0.5).get(0);
        for (int run = 0; run < 5; run++) {
            assertEquals(first, Overlap.match(a, b, 0.5).get(0));
        }
        assertEquals(0.6, first.iou(), EPS);
    }

    @Test
    void agreementCountsMatchesPerLabelAndADifferentLabelIsADisagreement() {
        AgreementTable table = new AgreementTable(2);
        List<Shape> one = List.of(box(0, 1, "person", 0, 0, 10, 10), box(0, 2, "person", 50, 50, 10, 10));
        List<Shape> two = List.of(box(1, 3, "person", 0, 0, 10, 8), box(1, 4, "dog", 50, 50, 10, 10));
        ImageConsensus.Outcome out = ImageConsensus.of(List.of(one, two), MEAN, table);
        // person: one match (IoU 80/100) among 3 boxes; dog: none among 1 -> 2 * 1 / 4
        assertEquals(0.5, out.agreement().f1(), EPS);
        assertEquals(0.8, out.agreement().meanIou(), EPS);
        assertEquals(new Tally(1, 3, 0.8), table.label("person"));
        assertEquals(new Tally(0, 1, 0), table.label("dog"));
        assertEquals(out.agreement(), table.annotatorVsOthers(0));
        // the object at (50, 50) is one group whatever its labels: two votes tie, the boxes are identical, so by name
        assertEquals(2, out.merged().size());
        assertEquals("dog", out.merged().get(1).label());
        assertArrayEquals(new long[]{2, 4}, out.merged().get(1).sources());
    }

    @Test
    void threeAnnotatorsMergeByTheMeanOfTheirCornersAndTheMajorityLabel() {
        List<List<Shape>> boxes = List.of(List.of(box(0, 1, "cat", 0, 0, 10, 10)),
                List.of(box(1, 2, "cat", 1, 1, 10, 10)), List.of(box(2, 3, "dog", 2, 0, 10, 10)));
        ImageConsensus.Outcome out = ImageConsensus.of(boxes, MEAN, new AgreementTable(3));
        MergedBox m = out.merged().get(0);
        assertEquals("cat", m.label());
        assertEquals(1, m.x(), EPS);
        assertEquals(1.0 / 3, m.y(), EPS);
        assertEquals(10, m.w(), EPS);
        assertEquals(10, m.h(), EPS);
        assertEquals(1.0, m.score(), EPS, "all three found it");
        assertArrayEquals(new long[]{1, 2, 3}, m.sources());
    }

    @Test
    void aLabelTieGoesToTheBoxThatFitsTheMergedBoxBest() {
        // mean of 10x10 and 12x12 at the origin is 11x11: IoU 100/121 against 121/144, so the larger box's label
        List<List<Shape>> boxes = List.of(List.of(box(0, 1, "ant", 0, 0, 10, 10)),
                List.of(box(1, 2, "zebra", 0, 0, 12, 12)));
        assertEquals("zebra", ImageConsensus.of(boxes, MEAN, new AgreementTable(2)).merged().get(0).label());
    }

    @Test
    void aBoxFoundByOneAnnotatorOnlyFallsShortOfTheQuorum() {
        List<List<Shape>> boxes = List.of(List.of(box(0, 1, "p", 0, 0, 10, 10), box(0, 2, "p", 100, 100, 10, 10)),
                List.of(box(1, 3, "p", 0, 0, 10, 10)));
        ImageConsensus.Outcome out = ImageConsensus.of(boxes, MEAN, new AgreementTable(2));
        assertEquals(1, out.merged().size());
        assertEquals(1, out.belowQuorum());
        assertEquals(1.0, out.merged().get(0).score(), EPS, "both annotators found the kept one");
        ImageConsensus.Outcome loose = ImageConsensus.of(boxes, new ConsensusConfig(0.5, 1,
                ConsensusConfig.Fusion.MEAN), new AgreementTable(2));
        assertEquals(2, loose.merged().size());
        assertEquals(0.5, loose.merged().get(1).score(), EPS);
    }

    @Test
    void twoBoxesOfOneAnnotatorOnOneOfAnothersMakeOneObjectAndALeftover() {
        List<List<Shape>> boxes = List.of(List.of(box(0, 1, "p", 0, 0, 10, 10)),
                List.of(box(1, 2, "p", 1, 0, 10, 10), box(1, 3, "p", 0, 0, 10, 10)));
        ImageConsensus.Outcome out = ImageConsensus.of(boxes, MEAN, new AgreementTable(2));
        assertEquals(1, out.merged().size(), "one box per annotator in a group");
        assertArrayEquals(new long[]{1, 3}, out.merged().get(0).sources(), "the better fitting one joins");
        assertEquals(1, out.belowQuorum());
        assertEquals(2.0 / 3, out.agreement().f1(), EPS);
    }

    @Test
    void weightedFusionLeansTowardTheSurerBox() {
        List<List<Shape>> boxes = List.of(List.of(new Shape(0, 1, "p", 0, 0, 10, 10, 0.9)),
                List.of(new Shape(1, 2, "p", 4, 0, 10, 10, 0.3)));
        MergedBox m = ImageConsensus.of(boxes, new ConsensusConfig(0.3, 2, ConsensusConfig.Fusion.WBF),
                new AgreementTable(2)).merged().get(0);
        assertEquals(4 * 0.3 / 1.2, m.x(), EPS);
        assertEquals(1.0 * 0.6, m.score(), EPS, "all found it, mean score 0.6");
    }

    @Test
    void againstTruthCountsPrecisionAndRecallPerLabel() {
        Map<String, TruthTally> t = ImageConsensus.againstTruth(
                List.of(box(0, 1, "p", 0, 0, 10, 10), box(0, 2, "p", 40, 40, 10, 10)),
                List.of(box(-1, 9, "p", 0, 0, 10, 10), box(-1, 8, "p", 80, 80, 5, 5), box(-1, 7, "q", 0, 0, 5, 5)), 0.5);
        assertEquals(new TruthTally(1, 2, 2, 1.0), t.get("p"));
        assertEquals(0.5, t.get("p").precision(), EPS);
        assertEquals(0.5, t.get("p").recall(), EPS);
        assertEquals(new TruthTally(0, 0, 1, 0), t.get("q"));
    }

    @Test
    void settingsOutsideTheirRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ConsensusConfig(0, 2, ConsensusConfig.Fusion.MEAN));
        assertThrows(IllegalArgumentException.class, () -> new ConsensusConfig(0.5, 0, ConsensusConfig.Fusion.MEAN));
    }
}
