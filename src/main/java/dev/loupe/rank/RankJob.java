package dev.loupe.rank;

import dev.loupe.core.Dataset;
import dev.loupe.core.ImageGroups;
import dev.loupe.core.NearDuplicate;
import dev.loupe.eval.EvalBox;
import dev.loupe.eval.EvalSources;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.store.ProjectStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks images of a dataset (those still to label, say: {@link UnlabelledImages}) by what labelling them would teach
 * a model: its uncertainty there ({@link Uncertainty}, scores relative to its surest one on the candidates), spread
 * over the kinds of scene it sees ({@link DiverseRanking}), near-duplicates of a ranked image left out.
 */
public final class RankJob implements Job<List<RankedImage>> {
    /** How strongly likeness to images ranked before discounts an image, by default. */
    public static final double DEFAULT_DIVERSITY = 0.5;

    /**
     * Rank {@code candidates} of the dataset, the first {@code top} of them, by the predictions of {@code model}
     * (found in {@code modelsDir}; run on the candidates it has not seen yet, its boxes kept as for an evaluation).
     */
    public record Request(String dataset, Set<Long> candidates, String model, Path modelsDir, int top,
                          double diversity) {
        public Request {
            if (top < 1) {
                throw new IllegalArgumentException("rank at least one image, got --top " + top);
            }
            candidates = Set.copyOf(candidates);
        }
    }

    private final ProjectStore store;
    private final Request request;

    public RankJob(ProjectStore store, Request request) {
        this.store = store;
        this.request = request;
    }

    @Override
    public List<RankedImage> run(JobContext ctx) throws Exception {
        Dataset ds = store.requireDataset(request.dataset());
        if (request.candidates().isEmpty()) {
            return List.of();
        }
        ctx.message("predictions of " + request.model());
        List<EvalBox> predictions = EvalSources.read(store, request.dataset(),
                EvalSources.MODEL_PREFIX + request.model(), request.modelsDir(), null, request.candidates(), ctx);
        Map<Long, List<EvalBox>> byImage = new HashMap<>();
        Map<String, Integer> classes = new HashMap<>();
        for (EvalBox p : predictions) {
            if (request.candidates().contains(p.imageId())) {
                byImage.computeIfAbsent(p.imageId(), k -> new ArrayList<>()).add(p);
                classes.putIfAbsent(p.label(), classes.size());
            }
        }
        double scale = Uncertainty.scale(byImage.values().stream().flatMap(List::stream).toList());
        List<DiverseRanking.Candidate> candidates = new ArrayList<>();
        for (long id : request.candidates().stream().sorted().toList()) {
            List<EvalBox> own = byImage.getOrDefault(id, List.of());
            double[] profile = new double[classes.size()];
            for (EvalBox p : own) {
                double relative = Uncertainty.relative(p.score(), scale);
                if (relative >= Uncertainty.FLOOR) {
                    profile[classes.get(p.label())] += relative;
                }
            }
            candidates.add(new DiverseRanking.Candidate(id, Uncertainty.of(own, scale), profile));
        }
        ctx.checkCancelled();
        ImageGroups groups = new ImageGroups();
        for (NearDuplicate d : store.nearDuplicates(ds.id())) {
            groups.join(d.imageA(), d.imageB());
        }
        return DiverseRanking.rank(candidates, request.top(), request.diversity(), groups.names());
    }
}
