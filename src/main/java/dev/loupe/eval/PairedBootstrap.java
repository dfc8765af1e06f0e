package dev.loupe.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * How sure a small image set is that one model beats another: the images are drawn with replacement many times,
 * both models are scored on each draw, and the share of draws where the second scores higher AP50 is returned.
 * Thirty validation images move AP50 by a few points from one draw to the next, so a trained model that scores
 * two points higher once may well be worse on the images that count.
 */
public final class PairedBootstrap {

    private PairedBootstrap() {
    }

    /** The share of {@code draws} resamples of {@code images} on which {@code b} has a higher AP50 than {@code a}. */
    public static double shareBetter(List<EvalBox> gt, List<EvalBox> a, List<EvalBox> b, Set<String> labels,
                                     List<Long> images, int draws, long seed) {
        Map<Long, List<EvalBox>> gtOf = byImage(gt);
        Map<Long, List<EvalBox>> aOf = byImage(a);
        Map<Long, List<EvalBox>> bOf = byImage(b);
        Random random = new Random(seed);
        int better = 0;
        for (int d = 0; d < draws; d++) {
            List<EvalBox> g = new ArrayList<>();
            List<EvalBox> da = new ArrayList<>();
            List<EvalBox> db = new ArrayList<>();
            Set<Long> drawn = new HashSet<>();
            for (long id = 1; id <= images.size(); id++) {
                long image = images.get(random.nextInt(images.size()));
                drawn.add(id); // each draw of an image counts as an image of its own
                copy(gtOf.get(image), id, g);
                copy(aOf.get(image), id, da);
                copy(bOf.get(image), id, db);
            }
            if (CocoEvaluator.evaluate(g, db, labels, drawn).ap50() > CocoEvaluator.evaluate(g, da, labels, drawn).ap50()) {
                better++;
            }
        }
        return better / (double) draws;
    }

    private static Map<Long, List<EvalBox>> byImage(List<EvalBox> boxes) {
        Map<Long, List<EvalBox>> out = new HashMap<>();
        boxes.forEach(x -> out.computeIfAbsent(x.imageId(), k -> new ArrayList<>()).add(x));
        return out;
    }

    private static void copy(List<EvalBox> boxes, long asImage, List<EvalBox> to) {
        if (boxes != null) {
            boxes.forEach(x -> to.add(new EvalBox(asImage, x.label(), x.x(), x.y(), x.w(), x.h(), x.score(), x.crowd())));
        }
    }
}
