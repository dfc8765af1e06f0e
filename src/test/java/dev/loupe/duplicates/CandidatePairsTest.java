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
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real coco-dev pictures and their copies (flips included): every copy's pair with its source is a candidate. */
class CandidatePairsTest {
    private static final int PICTURES = 60;

    @Test
    void everyCopyIsACandidateOfItsSourceAndFewOtherPairsAre() throws Exception {
        List<Path> files = SharedData.cocoDevPictures("subset128-train", PICTURES);
        List<ImageFeatures> pictures = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        for (Path f : files) {
            BufferedImage image = ImageDecoder.decode(f, 1);
            images.add(image);
            pictures.add(ImageFeatures.of(image));
        }
        for (AugmentRanges ranges : List.of(AugmentRanges.reference(), AugmentRanges.all())) {
            for (int i = 0; i < PICTURES; i++) {
                pictures.add(ImageFeatures.of(Augmenter.apply(images.get(i), ranges.draw(i), List.of(), 0.25).image()));
            }
        }
        Set<String> candidates = new TreeSet<>();
        for (int[] p : CandidatePairs.find(pictures, 3)) {
            candidates.add(p[0] + "-" + p[1]);
        }
        for (int i = 0; i < PICTURES; i++) {
            assertTrue(candidates.contains(i + "-" + (PICTURES + i)), "reference copy of picture " + i);
            assertTrue(candidates.contains(i + "-" + (2 * PICTURES + i)), "all-operations copy of picture " + i);
        }
        int all = pictures.size() * (pictures.size() - 1) / 2;
        assertTrue(candidates.size() < all / 10, candidates.size() + " candidates of " + all + " pairs");
    }
}
