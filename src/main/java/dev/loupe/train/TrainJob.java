package dev.loupe.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.loupe.core.Split;
import dev.loupe.inference.DeviceChoice;
import dev.loupe.inference.ModelCatalog;
import dev.loupe.inference.ModelDescriptor;
import dev.loupe.inference.Preprocessor;
import dev.loupe.inference.WeightsResolver;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.jobs.JobProblem;
import dev.loupe.store.ProjectStore;
import dev.loupe.train.onnx.OnnxGraph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Fine-tunes a YOLOX detector from its ONNX weights on the TRAIN side of a dataset, in the background, for
 * exactly the requested classes (new ones get new outputs, see {@link ClassHead}): the graph runs on DJL's
 * PyTorch engine (a GPU when DJL finds CUDA, else the CPU), each batch goes through it in one pass while the next
 * is made, Adam steps (scaled per layer) along a soft-start cosine learning rate over as many epochs as the image
 * count needs within the time budget, an L1 penalty keeps weights small, and a moving average of the weights is
 * what each epoch scores. Checkpoints are ONNX files; a cancelled or killed run resumes from the last one. The
 * result is a new ONNX file and descriptor that pre-annotation loads like any shipped model: the best validated
 * epoch's, or the starting weights when validation is not sure any epoch beat them (see {@link BestEpoch}).
 */
public final class TrainJob implements Job<TrainReport> {
    private final ProjectStore store;
    private final TrainRequest request;
    private final Consumer<EpochStats> onEpoch;

    public TrainJob(ProjectStore store, TrainRequest request, Consumer<EpochStats> onEpoch) {
        this.store = store;
        this.request = request;
        this.onEpoch = onEpoch;
    }

    @Override
    public TrainReport run(JobContext ctx) throws Exception {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        TrainSettings s = request.settings();
        ModelDescriptor pretrained = ModelCatalog.load(request.modelsDir()).get(request.model());
        Path weights = new WeightsResolver(request.modelsDir(), WeightsResolver.defaultCache()).resolve(pretrained,
                b -> { });
        OnnxGraph pretrainedGraph = OnnxGraph.read(weights);
        ClassHead head = ClassHead.of(pretrainedGraph, pretrained, request.classes());
        ModelDescriptor d = pretrained.withClassNames(head.classes());
        int[] classes = IntStream.range(0, head.classes().size()).toArray();
        List<TrainingImages.Sample> train = TrainingImages.load(store, request.dataset(), request.task(),
                request.classes(), Split.TRAIN);
        List<TrainingImages.Sample> validation = TrainingImages.load(store, request.dataset(), request.task(),
                request.classes(), Split.VALIDATION);
        // without a validation side, the test side draws the AP curve (it chooses nothing)
        List<TrainingImages.Sample> monitor = validation.isEmpty() ? TrainingImages.load(store, request.dataset(),
                request.task(), request.classes(), Split.TEST) : List.of();
        if (train.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + request.dataset() + "' has no training images");
        }
        Checkpoints checkpoints = new Checkpoints(request.checkpointFolder());
        Checkpoints.State resumed = request.resume() ? checkpoints.latest().orElse(null) : null;
        if (resumed == null) {
            if (request.resume()) {
                ctx.message("No checkpoint of " + request.outName() + " in " + request.checkpointFolder()
                        + " to resume from: starting afresh");
            }
            checkpoints.startAfresh(request);
        }
        OnnxGraph graph = head.apply(pretrainedGraph, pretrained, s.seed());
        Anchors anchors = new Anchors(d.inputWidth(), d.inputHeight());
        Preprocessor preprocessor = new Preprocessor(d);
        DecodedImages decoded = new DecodedImages(DecodedImages.PIXEL_BUDGET, store.imageBytes());
        Engine engine = Engine.getEngine("PyTorch");
        Device device = DeviceChoice.choose(System.getenv(DeviceChoice.VARIABLE), engine.getGpuCount(), true)
                == DeviceChoice.Kind.GPU ? Device.gpu() : Device.cpu();
        int stepsPerEpoch = (train.size() + s.batchSize() - 1) / s.batchSize();
        int pixels = 3 * d.inputHeight() * d.inputWidth();
        List<EpochStats> history = new ArrayList<>();
        List<JobProblem> skipped = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long imagesSeen = 0;
        double trainingSeconds = 0;
        boolean stoppedEarly = false;
        try (NDManager root = NDManager.newBaseManager(device, "PyTorch");
             OnnxModule module = new OnnxModule(graph, root)) {
            int firstEpoch = 1;
            Map<String, float[]> checkpointedAverage = null;
            TrainingState state = null;
            int planned = s.epochs() > 0 ? s.epochs() : EpochPlan.fromImageCount(train.size());
            if (resumed != null) {
                // the checkpoint's model holds the averaged weights; its state, the live ones and the optimizer's
                checkpointedAverage = OnnxGraph.read(resumed.onnx()).initializers().entrySet().stream()
                        .filter(e -> e.getValue().isFloat())
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().floats()));
                state = TrainingState.read(resumed.trainingState());
                Map<String, float[]> live = new java.util.HashMap<>();
                state.tensors().forEach((name, t) -> live.put(name, t.live()));
                module.load(live);
                history.addAll(resumed.history());
                resumed.history().forEach(onEpoch); // a resumed run's chart and log show its whole course
                firstEpoch = resumed.epoch() + 1;
                if (s.epochs() == 0) {
                    planned = EpochPlan.withinBudget(planned, history.get(0).seconds(), s.budgetMinutes());
                }
            }
            Map<String, NDArray> trainable = trainable(module, s.freezeBackbone());
            // a class the model has never seen needs its features to move, not only a head: a faster run
            double rate = head.hasNewClass() ? s.newClassRate() : 1;
            SoftStartCosine schedule = new SoftStartCosine(rate * s.minLearningRate(), rate * s.maxLearningRate(),
                    s.softStart(), planned * stepsPerEpoch);
            ScaledOptimizer optimizer = ScaledOptimizer.of(s.optimizer(), trainable, root);
            optimizer.scaleAs(head.stepSizes(pretrainedGraph));
            WeightAverage average = new WeightAverage(module.parameters(), root);
            if (state != null) {
                average.restore(checkpointedAverage, state.averageUpdates());
                optimizer.restore(state);
            }
            // the starting weights' validation AP: a run that never beats them writes them back unchanged
            EpochScore.Scored startScore = validation.isEmpty() || resumed != null ? null
                    : EpochScore.of(0, module, validation, decoded, d, root, skipped);
            EpochScore.Scored best = null;
            BatchGradient gradient = new BatchGradient(module, engine, anchors, classes, d.inputHeight(),
                    d.inputWidth(), root);
            EarlyStop earlyStop = new EarlyStop(s.earlyStopPatience(), history);
            for (int epoch = firstEpoch; epoch <= planned; epoch++) {
                // seeded per epoch, so a resumed run augments exactly as an uninterrupted one
                Random random = new Random(s.seed() * 131 + epoch);
                long epochStart = System.nanoTime();
                List<TrainingImages.Sample> order = new ArrayList<>(train);
                Collections.shuffle(order, new Random(s.seed() * 31 + epoch));
                double[] sums = new double[4];
                try (BatchPrefetch batches = new BatchPrefetch(order, s.batchSize(), decoded, preprocessor, pixels,
                        s.augment() ? random : null, skipped)) {
                    for (int b = 0; b < order.size(); b += s.batchSize()) {
                        ctx.checkCancelled();
                        BatchPrefetch.Batch batch = batches.take();
                        if (batch.inputs().isEmpty()) {
                            continue; // none of its images could be read: they are reported
                        }
                        gradient.compute(batch, trainable, sums);
                        float lr = schedule.getNewValue((epoch - 1) * stepsPerEpoch + b / s.batchSize() + 1);
                        optimizer.step(trainable, lr);
                        if (s.l1() > 0) {
                            WeightSteps.shrinkKernels(trainable, lr * s.l1(), root);
                        }
                        if (s.l2() > 0) {
                            WeightSteps.decayKernels(trainable, lr * s.l2(), root);
                        }
                        average.update(trainable);
                        imagesSeen += batch.inputs().size();
                        ctx.progress((long) (epoch - 1) * order.size() + b + batch.inputs().size(),
                                (long) planned * order.size());
                    }
                }
                trainingSeconds += (System.nanoTime() - epochStart) / 1e9;
                boolean checkpoint = s.checkpointInterval() > 0
                        && (epoch % s.checkpointInterval() == 0 || epoch == planned);
                Map<String, float[]> averaged = validation.isEmpty() && monitor.isEmpty() && !checkpoint ? null
                        : average.weights();
                EpochScore.Scored validated = validation.isEmpty() ? null
                        : EpochScore.with(averaged, epoch, module, validation, decoded, d, root, skipped);
                double ap = validated == null ? Double.NaN : validated.ap50();
                if (validated != null && history.stream().noneMatch(e -> e.validationAp50() >= ap)) {
                    best = validated;
                }
                double testAp = monitor.isEmpty() ? Double.NaN
                        : EpochScore.with(averaged, epoch, module, monitor, decoded, d, root, skipped).ap50();
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                if (epoch == 1 && s.epochs() == 0) {
                    int fits = EpochPlan.withinBudget(planned, seconds, s.budgetMinutes());
                    if (fits < planned) {
                        planned = fits;
                        schedule = new SoftStartCosine(rate * s.minLearningRate(), rate * s.maxLearningRate(),
                                s.softStart(), planned * stepsPerEpoch);
                    }
                }
                int n = order.size();
                EpochStats stats = new EpochStats(epoch, planned, sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n,
                        ap, testAp, schedule.getNewValue(epoch * stepsPerEpoch), seconds);
                history.add(stats);
                EpochCurve.writeCsv(history, request.curveFile());
                onEpoch.accept(stats);
                ctx.message(String.format("epoch %d/%d: loss %.3f%s", epoch, planned, stats.loss(),
                        Double.isNaN(ap) ? "" : String.format(", validation AP50 %.3f", ap)));
                if (checkpoint) {
                    checkpoints.save(epoch, graph.withWeights(averaged),
                            optimizer.state(trainable, average.updates()).bytes(), history);
                }
                if (earlyStop.shouldStop(ap)) {
                    stoppedEarly = true;
                    break;
                }
            }
            BestEpoch.Choice model = BestEpoch.choose(history, startScore, best, checkpoints, graph, average.weights(),
                    ctx);
            RetrainedModel written = RetrainedModel.write(pretrained, model.onnx(), request.outDir(),
                    request.outName(), request.dataset(), head.classes());
            checkpoints.finished();
            return new TrainReport(history, written.onnx(), written.descriptor(), request.outName(), train.size(),
                    (System.nanoTime() - start) / 1e9, imagesSeen / Math.max(1e-9, trainingSeconds), stoppedEarly,
                    model.epoch(), unreadable(skipped));
        }
    }

    /** Each image that could not be prepared, once, with its first reason. */
    private static List<JobProblem> unreadable(List<JobProblem> skipped) {
        Map<String, JobProblem> first = new LinkedHashMap<>();
        synchronized (skipped) {
            skipped.forEach(p -> first.putIfAbsent(p.item(), p));
        }
        return List.copyOf(first.values());
    }

    /** The parameters to train, marked to collect gradients; a frozen backbone's are left out. */
    private static Map<String, NDArray> trainable(OnnxModule module, boolean freezeBackbone) {
        Map<String, NDArray> trainable = new LinkedHashMap<>();
        Map<String, String> operatorOf = module.operatorOf();
        module.parameters().forEach((name, p) -> {
            String op = operatorOf.getOrDefault(name, name);
            boolean frozen = freezeBackbone && (op.startsWith("/backbone/backbone/")
                    || name.startsWith("backbone.backbone."));
            p.setRequiresGradient(!frozen);
            if (!frozen) {
                trainable.put(name, p);
            }
        });
        return trainable;
    }
}
