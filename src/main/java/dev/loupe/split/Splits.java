package dev.loupe.split;

import dev.loupe.cluster.ClusterMembership;
import dev.loupe.core.AugmentedImage;
import dev.loupe.core.Dataset;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageGroups;
import dev.loupe.core.ImageItem;
import dev.loupe.core.NearDuplicate;
import dev.loupe.core.Split;
import dev.loupe.core.Video;
import dev.loupe.store.ProjectStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Splits a stored dataset (stratified by its latest clustering, when there is one) and stores the split. */
public final class Splits {

    /**
     * Images per side, how many of them are augmented copies, listed test names that matched nothing, how many
     * known near-duplicate pairs were kept on one side, and the pairs a test list was allowed to part.
     */
    public record Report(Map<Split, Integer> images, Map<Split, Integer> augmented, boolean stratified,
                         List<String> unmatched, int nearDuplicatesTogether, List<NearDuplicate> nearDuplicatesParted) {
    }

    private Splits() {
    }

    public static Report make(ProjectStore store, String dataset, double test, double validation, long seed) {
        Dataset ds = store.requireDataset(dataset);
        Map<Long, Long> sourceOf = sourceOf(store, ds.id());
        Set<Long> copies = sourceOf.keySet();
        Map<Long, Integer> strata = store.latestClusterRun(ds.id())
                .map(run -> ClusterMembership.ofImages(run.boxes().stream()
                        .filter(b -> !copies.contains(b.imageId())).toList()))
                .orElse(Map.of());
        long[] ids = store.imageIds(ImageFilter.all(ds.id()));
        List<NearDuplicate> nearDuplicates = store.nearDuplicates(ds.id());
        Map<Long, Split> sides = SplitPlanner.plan(ids, together(store, ds.id(), sourceOf, nearDuplicates), strata,
                test, validation, seed);
        store.saveSplit(ds.id(), sides);
        return report(sides, copies, !strata.isEmpty(), List.of(), nearDuplicates.size(), List.of());
    }

    /**
     * Keeps a dataset's official split: the images of the test list (and their augmented copies) are the test
     * side, a seeded {@code validation} share of the others is validation, the rest is training. A list that puts
     * known near-duplicates on different sides is refused unless {@code allowNearDuplicates}.
     */
    public static Report fromTestList(ProjectStore store, String dataset, Path testList, double validation,
                                      long seed, boolean allowNearDuplicates) throws IOException {
        Dataset ds = store.requireDataset(dataset);
        long[] ids = store.imageIds(ImageFilter.all(ds.id()));
        TestList.Matched listed = TestList.match(testList, store.images(ids));
        if (listed.imageIds().isEmpty()) {
            throw new IllegalArgumentException(testList + ": none of its " + listed.unmatched().size()
                    + " names matches an image of dataset '" + dataset + "' (e.g. '"
                    + (listed.unmatched().isEmpty() ? "" : listed.unmatched().get(0)) + "')");
        }
        Map<Long, Long> sourceOf = sourceOf(store, ds.id());
        Set<Long> copies = sourceOf.keySet();
        Map<Long, Long> linked = together(store, ds.id(), sourceOf, List.of());
        Set<Long> tested = Arrays.stream(ids).filter(id -> listed.imageIds().contains(SplitPlanner.root(id, linked)))
                .boxed().collect(Collectors.toSet());
        List<NearDuplicate> nearDuplicates = store.nearDuplicates(ds.id());
        List<NearDuplicate> parted = nearDuplicates.stream()
                .filter(d -> tested.contains(d.imageA()) != tested.contains(d.imageB())).toList();
        if (!parted.isEmpty() && !allowNearDuplicates) {
            throw new IllegalArgumentException(testList + " puts " + parted.size() + " pair(s) of near-duplicate "
                    + "images on different sides, e.g. " + names(store, parted.get(0)) + " (list both or neither, "
                    + "or allow it with --allow-near-duplicates)");
        }
        long[] rest = Arrays.stream(ids).filter(id -> !tested.contains(id)).toArray();
        Map<Long, Split> sides = new HashMap<>(SplitPlanner.plan(rest, together(store, ds.id(), sourceOf,
                nearDuplicates), Map.of(), 0, validation, seed));
        tested.forEach(id -> sides.put(id, Split.TEST));
        store.saveSplit(ds.id(), sides);
        return report(sides, copies, false, listed.unmatched(), nearDuplicates.size() - parted.size(), parted);
    }

    /**
     * What must stay on one side with what, as each image's group: an augmented copy with its source, every frame
     * of a clip with the clip's other frames (neighbouring frames are near-twins), and near-duplicates together.
     */
    private static Map<Long, Long> together(ProjectStore store, long datasetId, Map<Long, Long> sourceOf,
                                            List<NearDuplicate> nearDuplicates) {
        ImageGroups groups = new ImageGroups();
        sourceOf.forEach(groups::join);
        for (Video v : store.videos(datasetId)) {
            long[] frames = store.frames(v.id());
            for (int i = 1; i < frames.length; i++) {
                groups.join(frames[i], frames[0]);
            }
        }
        nearDuplicates.forEach(d -> groups.join(d.imageA(), d.imageB()));
        return groups.names();
    }

    private static String names(ProjectStore store, NearDuplicate pair) {
        List<ImageItem> two = store.images(new long[]{pair.imageA(), pair.imageB()});
        return two.stream().map(ImageItem::relativePath).collect(Collectors.joining(" and "));
    }

    /** Each augmented copy's source image: a copy and its source always go to one side. */
    private static Map<Long, Long> sourceOf(ProjectStore store, long datasetId) {
        Map<Long, Long> out = new HashMap<>();
        for (AugmentedImage a : store.augmentedImages(datasetId)) {
            out.put(a.imageId(), a.sourceImageId());
        }
        return out;
    }

    static Report report(Map<Long, Split> sides, Set<Long> copies, boolean stratified, List<String> unmatched,
                         int nearDuplicatesTogether, List<NearDuplicate> nearDuplicatesParted) {
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
        return new Report(images, augmented, stratified, List.copyOf(unmatched), nearDuplicatesTogether,
                List.copyOf(nearDuplicatesParted));
    }
}
