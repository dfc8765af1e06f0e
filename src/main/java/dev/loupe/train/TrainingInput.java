package dev.loupe.train;

import dev.loupe.augment.Augmenter;
import dev.loupe.augment.Recipe;
import dev.loupe.inference.PreparedImage;
import dev.loupe.inference.Preprocessor;
import dev.loupe.media.ImageDecoder;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One training image as the network takes it: decoded in display orientation, augmented when a random source is
 * given, letterboxed, with its boxes moved alike into input pixels (targets of the trained classes, and the
 * regions objectness is not taught about).
 */
record TrainingInput(PreparedImage image, List<TargetBox> targets, List<TargetBox> ignore) {

    /** Share of a box that must stay in the picture after augmentation for it to stay a target. */
    private static final double MIN_VISIBLE = 0.25;

    static TrainingInput prepare(TrainingImages.Sample sample, Preprocessor preprocessor, Random random)
            throws Exception {
        BufferedImage img = ImageDecoder.decode(Path.of(sample.image().path()), sample.image().orientation());
        List<TrainingImages.GtBox> all = new ArrayList<>(sample.boxes());
        all.addAll(sample.ignore());
        List<Augmenter.Rect> rects = all.stream().map(b -> new Augmenter.Rect(b.x(), b.y(), b.w(), b.h())).toList();
        List<Integer> classes = all.stream().map(TrainingImages.GtBox::modelClass).toList();
        if (random != null) {
            Augmenter.Output out = Augmenter.apply(img, recipe(random, img.getWidth(), img.getHeight()), rects,
                    MIN_VISIBLE);
            img = out.image();
            rects = out.boxes();
        }
        PreparedImage in = preprocessor.prepare(img);
        List<TargetBox> targets = new ArrayList<>();
        List<TargetBox> ignore = new ArrayList<>();
        for (int i = 0; i < rects.size(); i++) {
            Augmenter.Rect b = rects.get(i);
            if (b != null) {
                TargetBox t = new TargetBox(b.x() * in.scaleX() + in.padX(), b.y() * in.scaleY() + in.padY(),
                        (b.x() + b.w()) * in.scaleX() + in.padX(), (b.y() + b.h()) * in.scaleY() + in.padY(),
                        classes.get(i));
                (t.modelClass() >= 0 ? targets : ignore).add(t);
            }
        }
        return new TrainingInput(in, targets, ignore);
    }

    /** Train-time augmentation: a horizontal flip half the time and brightness within ±20%. */
    static Recipe recipe(Random random, int width, int height) {
        boolean flip = random.nextBoolean();
        double brightness = 0.8 + 0.4 * random.nextDouble();
        if (!"full".equals(System.getProperty("loupe.exp.aug"))) {
            return new Recipe(flip, 1, 0, 0, 0, 0, 0, 0, 0, brightness, 0, 1, 1, 0, 0, 0);
        }
        double scale = 0.5 + random.nextDouble();
        double tx = (random.nextDouble() - 0.5) * 0.2 * width;
        double ty = (random.nextDouble() - 0.5) * 0.2 * height;
        double hue = (random.nextDouble() - 0.5) * 20;
        double saturation = 0.7 + 0.6 * random.nextDouble();
        double value = 0.7 + 0.6 * random.nextDouble();
        return new Recipe(flip, scale, 0, tx, ty, 0, 0, 0, 0, 1, hue, saturation, value, 0, 0, 0);
    }
}
