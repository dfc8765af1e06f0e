package dev.loupe.train;

import dev.loupe.augment.AugmentJob;
import dev.loupe.augment.AugmentRanges;
import dev.loupe.augment.RebalancePlan;
import dev.loupe.cluster.ClusterJob;
import dev.loupe.cluster.ClusterReport;
import dev.loupe.cluster.ClusterSettings;
import dev.loupe.core.AugmentedImage;
import dev.loupe.core.Dataset;
import dev.loupe.core.Split;
import dev.loupe.eval.CocoEvaluator;
import dev.loupe.eval.EvalBox;
import dev.loupe.eval.EvalResult;
import dev.loupe.eval.EvalSources;
import dev.loupe.eval.TaskBoxes;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.metrics.MetricsJob;
import dev.loupe.project.Project;
import dev.loupe.split.Splits;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

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
                          Path outDir, int perCluster, double testFraction, long seed, TrainSettings settings) {
    }

    /** AP50 before and after, on the held-out originals and on the held-out side with copies. */
    public record Result(EvalResult pretrained, EvalResult retrained, EvalResult pretrainedWithCopies,
                         EvalResult retrainedWithCopies, int testOriginals, int testCopies, ClusterReport clusters,
                         TrainReport training, double seconds) {
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
        Dataset ds = store.findDataset(request.dataset()).orElseThrow(() ->
                new IllegalArgumentException("no dataset '" + request.dataset() + "' in this project"));
        Set<String> classes = new HashSet<>(request.classes());
        ctx.message("1/7 pre-annotating with " + request.model());
        String pretrained = EvalSources.MODEL_PREFIX + request.model();
        List<EvalBox> before = EvalSources.read(store, request.dataset(), pretrained, request.modelsDir(), classes, ctx);
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
        Splits.make(store, request.dataset(), request.testFraction(), 0, request.seed());
        ctx.message("6/7 training");
        String name = request.model() + "-retrained";
        TrainReport training = new TrainJob(store, new TrainRequest(request.dataset(), request.gtTask(),
                request.classes(), request.model(), request.modelsDir(), request.outDir(), name, request.settings(),
                null), onEpoch).run(ctx);
        ctx.message("7/7 evaluating");
        // pre-annotation of the copies made above (the pretrained run at step 1 saw only the originals)
        before = EvalSources.read(store, request.dataset(), pretrained, request.modelsDir(), classes, ctx);
        List<EvalBox> after = EvalSources.read(store, request.dataset(), EvalSources.MODEL_PREFIX + name,
                request.outDir(), classes, ctx);
        List<EvalBox> gt = TaskBoxes.read(store, request.dataset(), List.of(request.gtTask())).get(request.gtTask());
        Set<Long> copies = store.augmentedImages(ds.id()).stream().map(AugmentedImage::imageId)
                .collect(Collectors.toSet());
        Set<Long> withGt = CocoEvaluator.imagesWithGroundTruth(gt, classes);
        Map<Long, Split> split = store.split(ds.id());
        Set<Long> test = split.entrySet().stream().filter(e -> e.getValue() == Split.TEST && withGt.contains(e.getKey()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        Set<Long> testOriginals = test.stream().filter(id -> !copies.contains(id)).collect(Collectors.toSet());
        return new Result(CocoEvaluator.evaluate(gt, before, classes, testOriginals),
                CocoEvaluator.evaluate(gt, after, classes, testOriginals),
                CocoEvaluator.evaluate(gt, before, classes, test), CocoEvaluator.evaluate(gt, after, classes, test),
                testOriginals.size(), test.size() - testOriginals.size(), clusters, training,
                (System.nanoTime() - start) / 1e9);
    }
}
