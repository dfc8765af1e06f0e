package dev.loupe.cluster;

import dev.loupe.core.AugmentedImage;
import dev.loupe.core.BoxCluster;
import dev.loupe.core.ClusterRun;
import dev.loupe.core.Dataset;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.metrics.MetricsJob;
import dev.loupe.metrics.PointTables;
import dev.loupe.store.ProjectStore;
import smile.clustering.KMeans;
import smile.math.MathEx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clusters a dataset's boxes: metrics where missing, standardised features, seeded k-means over the original
 * boxes (augmented copies keep the cluster they were made for), UMAP to 2-D over all of them, and a silhouette
 * for k = 2..8 as a suggestion. The run is stored; the report counts it.
 */
public final class ClusterJob implements Job<ClusterReport> {
    static final int MAX_ITERATIONS = 100;
    static final int[] SUGGESTION_KS = {2, 3, 4, 5, 6, 7, 8};

    private final ProjectStore store;
    private final String dataset;
    private final ClusterSettings settings;

    public ClusterJob(ProjectStore store, String dataset, ClusterSettings settings) {
        this.store = store;
        this.dataset = dataset;
        this.settings = settings;
    }

    @Override
    public ClusterReport run(JobContext ctx) throws Exception {
        try (ProjectStore.RunningJob running = store.announce("cluster dataset '" + dataset + "'")) {
            return cluster(ctx);
        }
    }

    private ClusterReport cluster(JobContext ctx) throws Exception {
        Dataset ds = store.requireDataset(dataset);
        ctx.message("Metrics");
        new MetricsJob(store, dataset).run(ctx);
        List<AugmentedImage> augmented = store.augmentedImages(ds.id());
        Map<Long, Integer> madeFor = new HashMap<>();
        augmented.forEach(a -> madeFor.put(a.imageId(), a.cluster()));
        long[] augmentedIds = augmented.stream().mapToLong(AugmentedImage::imageId).sorted().toArray();
        FeatureMatrix features = FeatureMatrix.of(PointTables.boxes(store, ds.id()), settings, augmentedIds);
        double[][] originals = features.originals();
        if (originals.length < Math.max(2, settings.k())) {
            throw new IllegalArgumentException(String.format("dataset '%s' has %d boxes%s%s with metrics; k-means "
                            + "with k = %d needs at least %d", dataset, originals.length,
                    settings.label() == null ? "" : " labelled '" + settings.label() + "'",
                    settings.task() == null ? "" : " in task '" + settings.task() + "'", settings.k(),
                    Math.max(2, settings.k())));
        }
        ctx.checkCancelled();
        ctx.message(String.format("k-means, k = %d, on %,d boxes", settings.k(), originals.length));
        int[] clusters = kMeans(originals, settings.k(), settings.seed());
        ctx.checkCancelled();
        Map<Integer, Double> silhouette = new LinkedHashMap<>();
        for (int k : SUGGESTION_KS) {
            if (k < originals.length) {
                int[] y = k == settings.k() ? clusters : kMeans(originals, k, settings.seed());
                silhouette.put(k, Silhouette.mean(originals, y, k, settings.seed()));
                ctx.checkCancelled();
            }
        }
        ctx.message(String.format("UMAP on %,d boxes", features.size()));
        double[][] xy = UmapLayout.of(features.rows, settings.neighbours(), settings.minDist(), settings.seed());
        List<BoxCluster> rows = new ArrayList<>(features.size());
        int o = 0;
        for (int r = 0; r < features.size(); r++) {
            int cluster = features.augmented[r] ? madeFor.get(features.imageIds[r]) : clusters[o++];
            rows.add(new BoxCluster(features.boxIds[r], features.imageIds[r], cluster, xy[r][0], xy[r][1]));
        }
        ClusterRun run = new ClusterRun(0, ds.id(), Instant.now(), settings.k(), settings.seed(), settings.toJson(),
                rows);
        long id = store.saveClusterRun(run);
        return ClusterReport.of(new ClusterRun(id, run.datasetId(), run.createdAt(), run.k(), run.seed(),
                run.settings(), rows), augmented, silhouette);
    }

    /** Seeded k-means++ and Lloyd iterations (Smile); the same seed and data give the same clusters. */
    public static int[] kMeans(double[][] rows, int k, long seed) {
        MathEx.setSeed(seed);
        return KMeans.fit(rows, k, MAX_ITERATIONS, 1e-4).y.clone();
    }
}
