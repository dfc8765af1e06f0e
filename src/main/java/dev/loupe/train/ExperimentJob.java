package dev.loupe.train;

import dev.loupe.augment.AugmentJob;
import dev.loupe.augment.AugmentRanges;
import dev.loupe.augment.RebalancePlan;
import dev.loupe.cluster.ClusterJob;
import dev.loupe.cluster.ClusterReport;
import dev.loupe.cluster.ClusterSettings;
import dev.loupe.core.Dataset;
import dev.loupe.eval.EvalSources;
import dev.loupe.eval.ImageScope;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.metrics.MetricsJob;
import dev.loupe.project.Project;
import dev.loupe.split.Splits;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The reference workflow on a dataset with ground truth, end to end: pre-annotate with the pretrained model,
 * metrics, cluster the boxes of the first class, augment every cluster to the same size, split (copies with
 * their source), fine-tune on the training side, and evaluate pretrained and retrained models through the
 * pre-annotation engine on the held-out images. AP50 is reported on the held-out originals (the honest figure)
 * and, as the reference did, on the held-out side with its augmented copies.
 */
public final class ExperimentJob implements Job<ExperimentJob.Result> {

    /** The inputs; {@code perCluster} 0 means "as many as the largest cluster has". */
    public record Request(String dataset, String gtTask, List<String> classes, String model, Path modelsDir,
                          Path outDir, int perCluster, double testFraction, double validationFraction, long seed,
                          TrainSettings settings, ImageScope scope) {
    }

    /** AP before and after on the held-out side, the clusters balanced, the training run, the time taken. */
    public record Result(HeldOutComparison.Result compared, ClusterReport clusters, TrainReport training,
                         double seconds) {
    }

    private final Project project;
    private final Request request;
    private final Consumer<EpochStats> onEpoch;

    public ExperimentJob(Project project, Request request, Consumer<EpochStats> onEpoch) {
        this.project = project;
        this.request = request;
        this.onEpoch = onEpoch;
    }

    @Override
    public Result run(JobContext ctx) throws Exception {
        long start = System.nanoTime();
        var store = project.store();
        Dataset ds = store.requireDataset(request.dataset());
        Set<String> classes = new HashSet<>(request.classes());
        ctx.message("1/7 pre-annotating with " + request.model());
        EvalSources.read(store, request.dataset(), EvalSources.MODEL_PREFIX + request.model(), request.modelsDir(),
                classes, ctx);
        ctx.message("2/7 metrics");
        new MetricsJob(store, request.dataset()).run(ctx);
        ctx.message("3/7 clustering");
        ClusterSettings cs = ClusterSettings.reference(request.classes().get(0), request.gtTask(), request.seed());
        ClusterReport clusters = new ClusterJob(store, request.dataset(), cs).run(ctx);
        ctx.message("4/7 augmenting");
        int target = request.perCluster() > 0 ? request.perCluster()
                : clusters.clusters().stream().mapToInt(ClusterReport.Cluster::totalImages).max().orElse(1);
        RebalancePlan plan = RebalancePlan.make(store.latestClusterRun(ds.id()).orElseThrow(),
                store.augmentedImages(ds.id()), target, request.seed());
        new AugmentJob(store, request.dataset(), plan, AugmentRanges.reference(), project.cacheDir("augmented")).run(ctx);
        ctx.message("5/7 splitting");
        Splits.make(store, request.dataset(), request.testFraction(), request.validationFraction(), request.seed());
        ctx.message("6/7 training");
        String name = request.model() + "-retrained";
        TrainReport training = new TrainJob(store, new TrainRequest(request.dataset(), request.gtTask(),
                request.classes(), request.model(), request.modelsDir(), request.outDir(), name, request.settings(),
                false), onEpoch).run(ctx);
        ctx.message("7/7 evaluating");
        HeldOutComparison.Result compared = HeldOutComparison.run(store, request.dataset(), request.gtTask(), classes,
                request.model(), request.modelsDir(), name, request.outDir(), request.scope(), ctx);
        return new Result(compared, clusters, training, (System.nanoTime() - start) / 1e9);
    }
}
