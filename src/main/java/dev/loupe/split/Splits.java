package dev.loupe.split;

import dev.loupe.cluster.ClusterMembership;
import dev.loupe.core.AugmentedImage;
import dev.loupe.core.Dataset;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.Split;
import dev.loupe.store.ProjectStore;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Splits a stored dataset (stratified by its latest clustering, when there is one) and stores the split. */
public final class Splits {

    /** Images per side, and how many of them are augmented copies. */
    public record Report(Map<Split, Integer> images, Map<Split, Integer> augmented, boolean stratified) {
    }

    private Splits() {
    }

    public static Report make(ProjectStore store, String dataset, double test, double validation, long seed) {
        Dataset ds = store.requireDataset(dataset);
        Map<Long, Long> sourceOf = new HashMap<>();
        Set<Long> copies = new HashSet<>();
        for (AugmentedImage a : store.augmentedImages(ds.id())) {
            sourceOf.put(a.imageId(), a.sourceImageId());
            copies.add(a.imageId());
        }
        Map<Long, Integer> strata = store.latestClusterRun(ds.id())
                .map(run -> ClusterMembership.ofImages(run.boxes().stream()
                        .filter(b -> !copies.contains(b.imageId())).toList()))
                .orElse(Map.of());
        Map<Long, Split> sides = SplitPlanner.plan(store.imageIds(ImageFilter.all(ds.id())), sourceOf, strata, test,
                validation, seed);
        store.saveSplit(ds.id(), sides);
        return report(sides, copies, !strata.isEmpty());
    }

    static Report report(Map<Long, Split> sides, Set<Long> copies, boolean stratified) {
        Map<Split, Integer> images = new EnumMap<>(Split.class);
        Map<Split, Integer> augmented = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            images.put(s, 0);
            augmented.put(s, 0);
        }
        sides.forEach((id, side) -> {
            images.merge(side, 1, Integer::sum);
            if (copies.contains(id)) {
                augmented.merge(side, 1, Integer::sum);
            }
        });
        return new Report(images, augmented, stratified);
    }
}
