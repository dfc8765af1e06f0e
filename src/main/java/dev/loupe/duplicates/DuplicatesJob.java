package dev.loupe.duplicates;

import dev.loupe.core.Dataset;
import dev.loupe.core.ImageGroups;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageItem;
import dev.loupe.core.NearDuplicate;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.jobs.JobProblem;
import dev.loupe.jobs.Workers;
import dev.loupe.media.ImageDecoder;
import dev.loupe.media.UnreadableImageException;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Finds the near-duplicate pairs of a dataset and stores them in place of the earlier ones: every image's SURF
 * points (on all cores), candidate pairs by shared nearest points, then each candidate checked for one similarity
 * map, as is and mirrored, and last the other pairs within each group that this links. A pair is kept when the
 * map carries at least {@code threshold} points.
 */
public final class DuplicatesJob implements Job<DuplicatesReport> {
    /** On coco-dev an augmented copy keeps 19 or more points with its source, two unrelated pictures at most 6. */
    public static final int DEFAULT_THRESHOLD = 12;
    private static final int MIN_VOTES = 3;
    private static final int BATCH = 64;
    private static final int MAX_GROUP = 100;

    private final ProjectStore store;
    private final String dataset;
    private final int threshold;

    public DuplicatesJob(ProjectStore store, String dataset, int threshold) {
        if (threshold < 2) {
            throw new IllegalArgumentException("--threshold must be at least 2 matched points, not " + threshold);
        }
        this.store = store;
        this.dataset = dataset;
        this.threshold = threshold;
    }

    @Override
    public DuplicatesReport run(JobContext ctx) throws InterruptedException {
        try (ProjectStore.RunningJob running = store.announce("near-duplicates of dataset '" + dataset + "'")) {
            long start = System.nanoTime();
            Dataset ds = store.requireDataset(dataset);
            List<ImageItem> images = images(ds.id());
            List<ImageItem> described = new ArrayList<>();
            List<ImageFeatures> features = new ArrayList<>();
            List<JobProblem> skipped = new ArrayList<>();
            ExecutorService pool = Workers.pool("loupe-duplicates");
            try {
                ctx.message("Finding points in " + images.size() + " images");
                describe(images, pool, described, features, skipped, ctx);
                ctx.message("Looking for candidate pairs");
                List<int[]> candidates = CandidatePairs.find(features, MIN_VOTES, ctx);
                ctx.message("Checking " + candidates.size() + " candidate pairs");
                List<NearDuplicate> pairs = new ArrayList<>(check(candidates, described, features, pool, ctx));
                List<int[]> withinGroups = uncheckedWithinGroups(pairs, candidates, described);
                ctx.message("Checking " + withinGroups.size() + " more pairs within groups of near-duplicates");
                pairs.addAll(check(withinGroups, described, features, pool, ctx));
                pairs.sort(Comparator.comparingInt(NearDuplicate::matched).reversed()
                        .thenComparingLong(NearDuplicate::imageA).thenComparingLong(NearDuplicate::imageB));
                store.saveNearDuplicates(ds.id(), pairs);
                return new DuplicatesReport(images.size(), candidates.size(), pairs, skipped,
                        (System.nanoTime() - start) / 1e9);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private List<ImageItem> images(long datasetId) {
        List<ImageItem> out = new ArrayList<>();
        ImageFilter all = ImageFilter.all(datasetId);
        List<ImageItem> page;
        long after = 0;
        while (!(page = store.imagePage(all, after, 2000)).isEmpty()) {
            out.addAll(page);
            after = page.get(page.size() - 1).id();
        }
        return out;
    }

    private void describe(List<ImageItem> images, ExecutorService pool, List<ImageItem> described,
                          List<ImageFeatures> features, List<JobProblem> skipped, JobContext ctx)
            throws InterruptedException {
        for (int from = 0; from < images.size(); from += BATCH) {
            ctx.checkCancelled();
            List<ImageItem> batch = images.subList(from, Math.min(images.size(), from + BATCH));
            List<Future<Object>> done = new ArrayList<>();
            for (ImageItem im : batch) {
                done.add(pool.submit(() -> describe(im)));
            }
            for (int i = 0; i < batch.size(); i++) {
                Object outcome = Workers.await(done.get(i));
                if (outcome instanceof ImageFeatures f) {
                    described.add(batch.get(i));
                    features.add(f);
                } else {
                    skipped.add(new JobProblem(batch.get(i).path(), (String) outcome));
                    ctx.problem(batch.get(i).path(), (String) outcome);
                }
            }
            ctx.progress(from + batch.size(), images.size());
        }
    }

    /** The image's features, or why it could not be read. */
    private Object describe(ImageItem image) {
        try {
            return ImageFeatures.of(ImageDecoder.decode(store.imageBytes(), image));
        } catch (UnreadableImageException | RuntimeException e) {
            return e.getMessage();
        } catch (OutOfMemoryError e) { // one image's failure, not the run's
            return "not enough memory to read it";
        }
    }

    private List<NearDuplicate> check(List<int[]> candidates, List<ImageItem> images, List<ImageFeatures> features,
                                      ExecutorService pool, JobContext ctx) throws InterruptedException {
        List<NearDuplicate> out = new ArrayList<>();
        for (int from = 0; from < candidates.size(); from += BATCH) {
            ctx.checkCancelled();
            List<int[]> batch = candidates.subList(from, Math.min(candidates.size(), from + BATCH));
            List<Future<Integer>> matched = new ArrayList<>();
            for (int[] pair : batch) {
                ImageFeatures a = features.get(pair[0]);
                ImageFeatures b = features.get(pair[1]);
                matched.add(pool.submit(() -> Math.max(SimilarityMatch.inliers(a, b),
                        SimilarityMatch.inliers(a.mirrored(), b))));
            }
            for (int i = 0; i < batch.size(); i++) {
                int n = Workers.await(matched.get(i));
                if (n >= threshold) {
                    out.add(NearDuplicate.of(images.get(batch.get(i)[0]).id(), images.get(batch.get(i)[1]).id(), n));
                }
            }
            ctx.progress(from + batch.size(), candidates.size());
        }
        return out;
    }

    /**
     * The pairs of a group of near-duplicates that were no candidates: a picture with many copies spreads its
     * points' votes over all of them, so some copies are linked to it only through each other. Groups larger
     * than {@value #MAX_GROUP} (a long burst of frames, say) stay linked only through their candidates.
     */
    private static List<int[]> uncheckedWithinGroups(List<NearDuplicate> found, List<int[]> candidates,
                                                     List<ImageItem> images) {
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            index.put(images.get(i).id(), i);
        }
        ImageGroups groups = new ImageGroups();
        found.forEach(d -> groups.join(d.imageA(), d.imageB()));
        Map<Long, List<Integer>> members = new TreeMap<>();
        for (NearDuplicate d : found) {
            for (long id : new long[]{d.imageA(), d.imageB()}) {
                List<Integer> group = members.computeIfAbsent(groups.find(id), k -> new ArrayList<>());
                if (!group.contains(index.get(id))) {
                    group.add(index.get(id));
                }
            }
        }
        Set<Long> checked = new HashSet<>();
        candidates.forEach(c -> checked.add((long) c[0] << 32 | c[1]));
        List<int[]> out = new ArrayList<>();
        for (List<Integer> group : members.values()) {
            if (group.size() > MAX_GROUP) {
                continue;
            }
            Collections.sort(group);
            for (int a = 0; a < group.size(); a++) {
                for (int b = a + 1; b < group.size(); b++) {
                    if (!checked.contains((long) group.get(a) << 32 | group.get(b))) {
                        out.add(new int[]{group.get(a), group.get(b)});
                    }
                }
            }
        }
        return out;
    }
}
