package dev.loupe.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hand-computed cases for every rule of the COCO evaluation. */
class CocoEvaluatorTest {
    private static final Set<String> PERSON = Set.of("person");

    private static EvalBox gt(long image, double x, double y, double w, double h) {
        return new EvalBox(image, "person", x, y, w, h, Double.NaN, false);
    }

    private static EvalBox crowd(long image, double x, double y, double w, double h) {
        return new EvalBox(image, "person", x, y, w, h, Double.NaN, true);
    }

    private static EvalBox det(long image, double score, double x, double y, double w, double h) {
        return new EvalBox(image, "person", x, y, w, h, score, false);
    }

    @Test
    void groundTruthAgainstItselfScoresOne() {
        List<EvalBox> truth = List.of(gt(1, 0, 0, 10, 10), gt(1, 50, 50, 100, 80), gt(2, 5, 5, 300, 200));
        List<EvalBox> asDetections = truth.stream().map(b -> det(b.imageId(), 1.0, b.x(), b.y(), b.w(), b.h())).toList();
        EvalResult r = CocoEvaluator.evaluate(truth, asDetections, PERSON, null);
        assertEquals(1.0, r.map(), 1e-12);
        assertEquals(1.0, r.ap50(), 1e-12);
        assertEquals(1.0, r.ar100(), 1e-12);
        assertEquals(1.0, r.vocAp50(), 1e-12);
    }

    @Test
    void aSecondDetectionOnTheSameObjectIsAFalsePositive() {
        List<EvalBox> truth = List.of(gt(1, 0, 0, 10, 10), gt(1, 100, 100, 10, 10));
        List<EvalBox> dets = List.of(det(1, 0.9, 0, 0, 10, 10), det(1, 0.8, 0, 0, 10, 10), det(1, 0.7, 100, 100, 10, 10));
        EvalResult r = CocoEvaluator.evaluate(truth, dets, PERSON, null);
        // PR: (.5, 1), (.5, .5), (1, 2/3): recall points 0..0.50 take 1, 0.51..1.00 take 2/3
        assertEquals((51 + 50 * (2.0 / 3)) / 101, r.ap50(), 1e-12);
        assertEquals(0.5 * 1 + 0.5 * (2.0 / 3), r.vocAp50(), 1e-12);
    }

    @Test
    void detectionsInACrowdRegionAreNeitherTrueNorFalse() {
        List<EvalBox> truth = List.of(gt(1, 0, 0, 10, 10), crowd(1, 100, 100, 200, 200));
        // a small detection inside the crowd: IoU with a crowd box is overlap / detection area = 1
        List<EvalBox> dets = List.of(det(1, 0.95, 150, 150, 20, 20), det(1, 0.9, 0, 0, 10, 10));
        assertEquals(1.0, CocoEvaluator.evaluate(truth, dets, PERSON, null).ap50(), 1e-12);
        List<EvalBox> noCrowd = List.of(gt(1, 0, 0, 10, 10), gt(1, 100, 100, 200, 200));
        double withFalsePositiveFirst = CocoEvaluator.evaluate(noCrowd, dets, PERSON, null).ap50();
        assertEquals(51.0 / 101 * 0.5, withFalsePositiveFirst, 1e-12, "(0,0) then (.5,.5): half precision up to recall .5");
    }

    @Test
    void areaRangesCountOnlyTheirOwnObjects() {
        List<EvalBox> truth = List.of(gt(1, 0, 0, 10, 10), gt(1, 100, 100, 200, 200));
        List<EvalBox> dets = List.of(det(1, 0.9, 0, 0, 10, 10), det(1, 0.8, 100, 100, 200, 200));
        EvalResult r = CocoEvaluator.evaluate(truth, dets, PERSON, null);
        assertEquals(1.0, r.apSmall(), 1e-12);
        assertEquals(1.0, r.apLarge(), 1e-12);
        assertEquals(-1, r.apMedium(), 1e-12, "no medium ground truth: not measured");
    }

    @Test
    void imagesWithoutPredictionsLowerRecallAndEmptyImagesDoNothing() {
        List<EvalBox> truth = List.of(gt(1, 0, 0, 10, 10), gt(2, 0, 0, 10, 10));
        List<EvalBox> dets = List.of(det(1, 0.9, 0, 0, 10, 10));
        EvalResult r = CocoEvaluator.evaluate(truth, dets, PERSON, Set.of(1L, 2L, 3L));
        assertEquals(51.0 / 101, r.ap50(), 1e-12);
        assertEquals(0.5, r.recall50(), 1e-12);
        // a detection on an image without ground truth is a false positive, as pycocotools counts every image of
        // its ground-truth file; only the reference workflow's convention leaves that image out
        List<EvalBox> withStray = List.of(det(1, 0.9, 0, 0, 10, 10), det(3, 0.95, 0, 0, 10, 10));
        assertEquals(51.0 / 101 * 0.5, CocoEvaluator.evaluate(truth, withStray, PERSON, null).ap50(), 1e-12);
        List<Long> dataset = List.of(1L, 2L, 3L, 4L);
        Set<Long> every = ImageScope.EVERY_IMAGE.select(dataset, truth, PERSON);
        EvalResult pycocotools = CocoEvaluator.evaluate(truth, withStray, PERSON, every);
        assertEquals(51.0 / 101 * 0.5, pycocotools.ap50(), 1e-12);
        assertEquals(4, pycocotools.images());
        Set<Long> withGt = ImageScope.ONLY_IMAGES_WITH_GT.select(dataset, truth, PERSON);
        assertEquals(Set.of(1L, 2L), withGt);
        assertEquals(51.0 / 101, CocoEvaluator.evaluate(truth, withStray, PERSON, withGt).ap50(), 1e-12);
    }

    @Test
    void theAnnotatedAreaNotTheBoxDecidesTheSizeRangeAsInPycocotools() {
        // a 100 x 100 box around a thin object whose segmentation covers 500 px²: small for COCO, large by its box
        EvalBox thin = new EvalBox(1, "person", 0, 0, 100, 100, Double.NaN, false, 500);
        EvalResult r = CocoEvaluator.evaluate(List.of(thin), List.of(det(1, 0.9, 0, 0, 100, 100)), PERSON, null);
        assertEquals(1.0, r.apSmall(), 1e-12);
        assertEquals(-1, r.apLarge(), 1e-12);
        assertEquals(EvalResult.SizeAreas.ANNOTATED, r.sizeAreas());
        assertEquals(1.0, r.ap50(), 1e-12, "overlaps still come from the boxes");
        EvalResult byBox = CocoEvaluator.evaluate(List.of(gt(1, 0, 0, 100, 100)), List.of(det(1, 0.9, 0, 0, 100, 100)),
                PERSON, null);
        assertEquals(1.0, byBox.apLarge(), 1e-12);
        assertEquals(EvalResult.SizeAreas.BOX, byBox.sizeAreas());
        assertEquals(EvalResult.SizeAreas.MIXED, CocoEvaluator.evaluate(List.of(thin, gt(1, 300, 300, 10, 10)),
                List.of(), PERSON, null).sizeAreas());
    }

    @Test
    void anUnmatchedDetectionOutsideTheAreaRangeIsIgnoredThere() {
        List<EvalBox> truth = List.of(gt(1, 0, 0, 10, 10));
        // a large false positive ranked first, then the small hit
        List<EvalBox> dets = List.of(det(1, 0.95, 300, 300, 200, 200), det(1, 0.9, 0, 0, 10, 10));
        EvalResult r = CocoEvaluator.evaluate(truth, dets, PERSON, null);
        assertEquals(0.5, r.ap50(), 1e-12, "over all sizes it is a false positive");
        assertEquals(1.0, r.apSmall(), 1e-12, "among small objects it does not count");
    }

    @Test
    void aDetectionMatchedToAnIgnoredBoxIsIgnored() {
        // a small detection (32² = 1024 px²) on a medium object (32.5² = 1056 px², IoU .97): ignored among small
        // objects at every threshold, since the object it matches is out of that range
        List<EvalBox> dets = List.of(det(1, 0.95, 100, 100, 32, 32), det(1, 0.9, 0, 0, 10, 10));
        List<EvalBox> truth = List.of(gt(1, 0, 0, 10, 10), gt(1, 100, 100, 32.5, 32.5));
        assertEquals(1.0, CocoEvaluator.evaluate(truth, dets, PERSON, null).apSmall(), 1e-12);
        // without that object it is a small false positive ranked first: precision 1/2 at full recall
        List<EvalBox> smallOnly = List.of(gt(1, 0, 0, 10, 10));
        assertEquals(0.5, CocoEvaluator.evaluate(smallOnly, dets, PERSON, null).apSmall(), 1e-12);
    }

    @Test
    void onlyTheHundredBestDetectionsOfAnImageCount() {
        List<EvalBox> truth = List.of(gt(1, 0, 0, 10, 10));
        List<EvalBox> dets = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            dets.add(det(1, 0.9 - i * 0.001, 500 + i, 500, 10, 10));
        }
        dets.add(det(1, 0.01, 0, 0, 10, 10)); // the only hit, ranked 101st on its image
        EvalResult r = CocoEvaluator.evaluate(truth, dets, PERSON, null);
        assertEquals(0.0, r.ap50(), 1e-12, "cut by maxDets 100");
        assertEquals(0.0, r.recall50(), 1e-12);
        assertEquals(1.0 / 101, r.vocAp50(), 1e-12, "VOC AP has no per-image limit: precision 1/101 at full recall");
    }

    @Test
    void scoreTiesKeepImageOrderAsCocoDoes() {
        List<EvalBox> truth = List.of(gt(1, 0, 0, 10, 10), gt(2, 500, 500, 10, 10));
        // equal scores: a hit on image 1 and a miss on image 2; image 1 comes first
        List<EvalBox> dets = List.of(det(2, 0.5, 0, 0, 10, 10), det(1, 0.5, 0, 0, 10, 10));
        assertEquals(51.0 / 101, CocoEvaluator.evaluate(truth, dets, PERSON, null).ap50(), 1e-12);
        List<EvalBox> missFirst = List.of(det(1, 0.5, 300, 300, 10, 10), det(2, 0.5, 500, 500, 10, 10));
        assertEquals(51.0 / 101 * 0.5, CocoEvaluator.evaluate(truth, missFirst, PERSON, null).ap50(), 1e-12);
    }

    @Test
    void iouThresholdsFrom50To95AreAveraged() {
        // shifted by 2.4 px: IoU 76/124 = 0.613, a hit at .50, .55, .60 and a miss above
        EvalResult r = CocoEvaluator.evaluate(List.of(gt(1, 0, 0, 10, 10)), List.of(det(1, 0.9, 2.4, 0, 10, 10)), PERSON, null);
        assertEquals(0.3, r.map(), 1e-12);
        assertEquals(1.0, r.ap50(), 1e-12);
        assertEquals(0.0, r.ap75(), 1e-12);
    }

    @Test
    void maxDetectionsKeepsTheBestScoresPerImage() {
        List<EvalBox> truth = List.of(gt(1, 0, 0, 10, 10), gt(1, 50, 0, 10, 10));
        List<EvalBox> dets = List.of(det(1, 0.9, 0, 0, 10, 10), det(1, 0.8, 50, 0, 10, 10));
        EvalResult r = CocoEvaluator.evaluate(truth, dets, PERSON, null);
        assertEquals(0.5, r.perClass().get(0).ar1(), 1e-12, "one detection per image finds one of two");
        assertEquals(1.0, r.perClass().get(0).ar100(), 1e-12);
    }

    @Test
    void perImageErrorsListTruePositivesFalsePositivesAndMisses() {
        List<EvalBox> truth = List.of(gt(1, 0, 0, 10, 10), gt(1, 100, 0, 10, 10), crowd(2, 0, 0, 100, 100), gt(3, 0, 0, 10, 10));
        List<EvalBox> dets = List.of(det(1, 0.9, 0, 0, 10, 10), det(1, 0.8, 300, 300, 10, 10), det(1, 0.1, 100, 0, 10, 10),
                det(2, 0.9, 10, 10, 20, 20), det(3, 0.9, 0, 0, 10, 10));
        List<ImageErrors> errors = ErrorAnalysis.byImage(truth, dets, PERSON, Set.of(1L, 2L, 3L), 0.5, 0.3);
        ImageErrors first = errors.get(0);
        assertEquals(1, first.imageId());
        assertEquals(1, first.truePositives().size());
        assertEquals(1, first.falsePositives().size());
        assertEquals(1, first.falseNegatives().size(), "the 0.1 detection is below the score threshold");
        assertEquals(0, errors.stream().filter(e -> e.imageId() == 2).findFirst().orElseThrow().errors(),
                "a detection in a crowd region is no error");
    }

    @Test
    void prCurveAndBestF1Threshold() {
        List<EvalBox> truth = List.of(gt(1, 0, 0, 10, 10), gt(1, 100, 0, 10, 10));
        List<EvalBox> dets = List.of(det(1, 0.9, 0, 0, 10, 10), det(1, 0.6, 300, 0, 10, 10), det(1, 0.4, 100, 0, 10, 10));
        ClassResult c = CocoEvaluator.evaluate(truth, dets, PERSON, null).perClass().get(0);
        assertEquals(List.of(new PrPoint(0.5, 1, 0.9), new PrPoint(0.5, 0.5, 0.6), new PrPoint(1, 2.0 / 3, 0.4)), c.pr50());
        assertEquals(0.8, c.bestF1(), 1e-12, "F1 at score 0.4: 2 * (2/3) * 1 / (2/3 + 1)");
        assertEquals(0.4, c.bestF1Score(), 1e-12);
    }
}
