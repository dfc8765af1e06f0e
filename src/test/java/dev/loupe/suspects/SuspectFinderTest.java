package dev.loupe.suspects;

import dev.loupe.consensus.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of suspect on a case worked out by hand. */
class SuspectFinderTest {
    private static final SuspectConfig C = SuspectConfig.defaults();

    private static Shape box(long id, String label, double x, double y, double w, double h) {
        return new Shape(0, id, label, x, y, w, h, Double.NaN);
    }

    private static Shape prediction(String label, double score, double x, double y, double w, double h) {
        return new Shape(1, 0, label, x, y, w, h, score);
    }

    @Test
    void aGoodBoxIsNoSuspect() {
        assertTrue(SuspectFinder.find(1, List.of(box(1, "person", 0, 0, 100, 200)),
                List.of(prediction("person", 0.9, 2, 0, 100, 200)), C).isEmpty());
    }

    @Test
    void aConfidentPredictionWithoutABoxIsAMissingBox() {
        List<Suspect> s = SuspectFinder.find(1, List.of(box(1, "person", 0, 0, 100, 200)),
                List.of(prediction("person", 0.9, 0, 0, 100, 200), prediction("dog", 0.8, 300, 50, 80, 60),
                        prediction("cat", 0.3, 500, 50, 80, 60)), C);
        assertEquals(1, s.size(), "the unsure cat is no suspect");
        Suspect missing = s.get(0);
        assertEquals(SuspectKind.MISSING_BOX, missing.kind());
        assertEquals(300, missing.x(), 1e-9, "the model's box");
        assertEquals("dog", missing.label());
        assertEquals(0.8 * Math.sqrt(80 * 60) / 128, missing.score(), 1e-9, "small objects go unlabelled more often");
        assertEquals(0, missing.boxId());
    }

    @Test
    void aBoxNothingComesNearWhileTheModelIsSureElsewhereIsAFalseBox() {
        List<Suspect> s = SuspectFinder.find(1, List.of(box(1, "person", 0, 0, 100, 200), box(2, "person", 600, 0, 50, 50)),
                List.of(prediction("person", 0.9, 0, 0, 100, 200)), C);
        // the model is 0.9 sure elsewhere; a 50 x 50 box is small enough to be missed: 0.9 x 50 / 128
        assertEquals(List.of(new Suspect(1, SuspectKind.FALSE_BOX, 600, 0, 50, 50, "person", 0.9 * 50 / 128, 2, null)), s);
        assertTrue(SuspectFinder.find(1, List.of(box(2, "person", 600, 0, 50, 50)),
                List.of(prediction("person", 0.3, 0, 0, 100, 200)), C).isEmpty(), "an unsure model accuses nothing");
    }

    @Test
    void aMatchedPairWithAnotherLabelIsAWrongLabelAndALooseOneAPoorFit() {
        List<Suspect> wrong = SuspectFinder.find(1, List.of(box(1, "cat", 0, 0, 100, 100)),
                List.of(prediction("dog", 0.7, 0, 0, 100, 100)), C);
        assertEquals(SuspectKind.WRONG_LABEL, wrong.get(0).kind());
        assertEquals("dog", wrong.get(0).model().label());
        assertEquals(0.7, wrong.get(0).score(), 1e-9);
        // 100 x 100 against a prediction shifted by 25: IoU 75 * 100 / 125 * 100 = 0.6
        List<Suspect> loose = SuspectFinder.find(1, List.of(box(1, "cat", 0, 0, 100, 100)),
                List.of(prediction("cat", 0.8, 25, 0, 100, 100)), C);
        assertEquals(SuspectKind.POOR_FIT, loose.get(0).kind());
        assertEquals(0.8 * 0.4, loose.get(0).score(), 1e-9);
    }

    @Test
    void oneObjectDrawnTwiceIsADuplicateWhenTheModelSeesOneThingThere() {
        List<Shape> twice = List.of(box(1, "car", 0, 0, 100, 100), box(2, "car", 5, 0, 100, 100));
        List<Suspect> s = SuspectFinder.find(1, twice, List.of(prediction("car", 0.9, 0, 0, 100, 100),
                prediction("car", 0.3, 3, 0, 100, 100)), C);
        assertEquals(1, s.size(), s.toString());
        assertEquals(SuspectKind.DUPLICATE, s.get(0).kind());
        assertEquals(2, s.get(0).boxId());
        assertEquals(0.9 * 95.0 / 105.0, s.get(0).score(), 1e-9);
        assertTrue(SuspectFinder.find(1, twice, List.of(prediction("car", 0.9, 0, 0, 100, 100),
                prediction("car", 0.8, 5, 0, 100, 100)), C).isEmpty(), "the model sees two cars: two cars standing close");
    }

    @Test
    void aSecondGuessOfTheModelAtALabelledBoxIsNoMissingBox() {
        assertTrue(SuspectFinder.find(1, List.of(box(1, "car", 0, 0, 100, 100)), List.of(
                prediction("car", 0.9, 0, 0, 100, 100), prediction("truck", 0.7, 30, 0, 100, 100)), C).isEmpty());
    }

    @Test
    void aCrowdRegionCoversThePeopleTheModelFindsInIt() {
        List<Suspect> s = SuspectFinder.find(1, List.of(), List.of(box(9, "person", 0, 0, 400, 300)),
                List.of(prediction("person", 0.9, 50, 50, 120, 200)), C);
        assertTrue(s.isEmpty(), s.toString());
    }

    @Test
    void aBoxDrawnOffItsObjectIsAPoorFitNotAMissingAndAFalseBox() {
        // shifted by 45% of its width: IoU 0.38, below the match but plainly the same object of the same label
        List<Suspect> s = SuspectFinder.find(1, List.of(box(1, "dog", 45, 0, 100, 100)),
                List.of(prediction("dog", 0.9, 0, 0, 100, 100)), C);
        assertEquals(1, s.size(), s.toString());
        assertEquals(SuspectKind.POOR_FIT, s.get(0).kind());
        assertEquals(0.9 * (1 - 55.0 / 145.0), s.get(0).score(), 1e-9);
    }
}
