package dev.loupe.duplicates;

import dev.loupe.augment.AugmentRanges;
import dev.loupe.augment.Augmenter;
import dev.loupe.media.ImageDecoder;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real coco-dev pictures: augmented copies (flips included) against their sources and against each other. */
class SimilarityMatchTest {
    private static final int PICTURES = 40;
    private static final int NEAR_DUPLICATE = 12;

    @Test
    void copiesMatchTheirSourceAndUnrelatedPicturesDoNot() throws Exception {
        List<Path> files = SharedData.cocoDevPictures("coco128-train", PICTURES);
        List<ImageFeatures> sources = new ArrayList<>();
        int weakestCopy = Integer.MAX_VALUE;
        for (int i = 0; i < files.size(); i++) {
            BufferedImage image = ImageDecoder.decode(files.get(i), 1);
            ImageFeatures source = ImageFeatures.of(image);
            sources.add(source);
            for (AugmentRanges ranges : List.of(AugmentRanges.reference(), AugmentRanges.all())) {
                ImageFeatures copy = ImageFeatures.of(Augmenter.apply(image, ranges.draw(i), List.of(), 0.25).image());
                int matched = Math.max(SimilarityMatch.inliers(source, copy),
                        SimilarityMatch.inliers(source, copy.mirrored()));
                weakestCopy = Math.min(weakestCopy, matched);
            }
        }
        int strongestUnrelated = 0;
        for (int i = 0; i < sources.size(); i++) {
            for (int j = i + 1; j < sources.size(); j++) {
                strongestUnrelated = Math.max(strongestUnrelated, SimilarityMatch.inliers(sources.get(i), sources.get(j)));
            }
        }
        assertTrue(weakestCopy >= NEAR_DUPLICATE, "weakest copy kept " + weakestCopy + " points");
        assertTrue(strongestUnrelated < NEAR_DUPLICATE, "unrelated pictures matched on " + strongestUnrelated);
        System.out.println("weakest copy " + weakestCopy + ", strongest unrelated pair " + strongestUnrelated);
    }

    @Test
    void mirroredFeaturesMatchAMirroredPicture() throws Exception {
        Path file = SharedData.cocoDevPictures("coco128-train", 1).get(0);
        BufferedImage image = ImageDecoder.decode(file, 1);
        BufferedImage flipped = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        var g = flipped.createGraphics();
        g.drawImage(image, image.getWidth(), 0, -image.getWidth(), image.getHeight(), null);
        g.dispose();
        ImageFeatures source = ImageFeatures.of(image);
        ImageFeatures mirror = ImageFeatures.of(flipped);
        int derived = SimilarityMatch.inliers(source.mirrored(), mirror);
        int plain = SimilarityMatch.inliers(source, mirror);
        assertTrue(derived >= 5 * Math.max(NEAR_DUPLICATE, plain), "derived mirror " + derived + ", plain " + plain);
    }
}
