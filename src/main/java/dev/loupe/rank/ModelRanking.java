package dev.loupe.rank;

import dev.loupe.core.Dataset;
import dev.loupe.core.ImageItem;
import dev.loupe.jobs.JobContext;
import dev.loupe.review.StageRanking;
import dev.loupe.store.ProjectStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A review stage drawn by the "label next" ranking of a model instead of at random: the model runs on the eligible
 * images (its predictions kept as for an evaluation), each dataset's images are ranked, and the best by value go in.
 */
public final class ModelRanking implements StageRanking {
    private final ProjectStore store;
    private final String model;
    private final Path modelsDir;
    private final double diversity;
    private final JobContext ctx;

    public ModelRanking(ProjectStore store, String model, Path modelsDir, double diversity, JobContext ctx) {
        this.store = store;
        this.model = model;
        this.modelsDir = modelsDir;
        this.diversity = diversity;
        this.ctx = ctx;
    }

    @Override
    public long[] first(long[] eligible, int n) throws Exception {
        Map<Long, Set<Long>> byDataset = new TreeMap<>();
        for (ImageItem im : store.images(eligible)) {
            byDataset.computeIfAbsent(im.datasetId(), k -> new HashSet<>()).add(im.id());
        }
        List<RankedImage> all = new ArrayList<>();
        for (Dataset ds : store.datasets()) {
            Set<Long> images = byDataset.get(ds.id());
            if (images != null) {
                all.addAll(new RankJob(store, new RankJob.Request(ds.name(), images, model, modelsDir,
                        Math.min(n, images.size()), diversity)).run(ctx));
            }
        }
        return all.stream().sorted(Comparator.comparingDouble(RankedImage::value).reversed()).limit(n)
                .mapToLong(RankedImage::imageId).sorted().toArray();
    }
}
