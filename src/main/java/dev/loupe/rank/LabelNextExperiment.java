package dev.loupe.rank;

import dev.loupe.core.AugmentedImage;
import dev.loupe.core.Dataset;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.Split;
import dev.loupe.eval.CocoEvaluator;
import dev.loupe.eval.EvalBox;
import dev.loupe.eval.EvalSources;
import dev.loupe.eval.TaskBoxes;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.store.ProjectStore;
import dev.loupe.train.TrainJob;
import dev.loupe.train.TrainRequest;
import dev.loupe.train.TrainSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether the "label next" ranking pays, on a dataset with ground truth: a fixed share is held out; the model is
 * fine-tuned on a small random seed set; then, round after round, {@code perRound} more images are "labelled" (their
 * ground truth let in) either at random or as the latest model ranks them ({@link RankJob}), the model is fine-tuned
 * again from its pretrained weights on all labelled so far, and the held-out AP50 of both arms is measured. Both arms
 * start from the same seed set and seed model; the seed fixes the held-out side, the seed set and the random picks.
 * It replaces the dataset's split as it goes: run it on a project of its own.
 */
public final class LabelNextExperiment implements Job<LabelNextExperiment.Result> {

    public record Request(String dataset, String truthTask, List<String> classes, String model, Path modelsDir,
                          Path outDir, int seedImages, int perRound, int rounds, double testFraction, int epochs,
                          long seed) {
        public Request {
            classes = List.copyOf(classes);
            if (seedImages < 1 || perRound < 1 || rounds < 1 || epochs < 1) {
                throw new IllegalArgumentException("seed images, images per round, rounds and epochs are at least 1");
            }
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new IllegalArgumentException("the held-out share lies within (0, 1), got " + testFraction);
            }
        }
    }

    /** Held-out AP50 after a round, with this many images labelled, for each arm. */
    public record Round(int labelled, double randomAp50, double rankedAp50) {
    }

    /** The pretrained model's held-out AP50, then round 0 (the seed set, the same for both arms) and the rounds. */
    public record Result(double pretrainedAp50, int heldOut, int pool, List<Round> rounds, double seconds) {
    }

    private final ProjectStore store;
    private final Request request;

    public LabelNextExperiment(ProjectStore store, Request request) {
        this.store = store;
        this.request = request;
    }

    @Override
    public Result run(JobContext ctx) throws Exception {
        long start = System.nanoTime();
        Dataset ds = store.requireDataset(request.dataset());
        Set<String> classes = new HashSet<>(request.classes());
        List<EvalBox> gt = TaskBoxes.read(store, request.dataset(), List.of(request.truthTask()))
                .get(request.truthTask());
        Set<Long> copies = store.augmentedImages(ds.id()).stream().map(AugmentedImage::imageId)
                .collect(Collectors.toSet());
        List<Long> originals = new ArrayList<>(Arrays.stream(store.imageIds(ImageFilter.all(ds.id()))).boxed()
                .filter(id -> !copies.contains(id)).toList());
        Collections.shuffle(originals, new Random(request.seed()));
        int held = (int) Math.round(originals.size() * request.testFraction());
        Set<Long> test = new HashSet<>(originals.subList(0, held));
        List<Long> pool = originals.subList(held, originals.size());
        if (pool.size() < request.seedImages() + request.rounds() * request.perRound()) {
            throw new IllegalArgumentException("dataset '" + request.dataset() + "' leaves " + pool.size()
                    + " images besides the held-out side: too few for " + request.seedImages() + " seed images and "
                    + request.rounds() + " rounds of " + request.perRound());
        }
        ctx.message("pretrained " + request.model() + " on " + test.size() + " held-out images");
        double pretrained = ap50(request.model(), request.modelsDir(), gt, classes, test, ctx);
        List<Long> seedSet = pool.subList(0, request.seedImages());
        String seedModel = train("label-next-seed", seedSet, ctx);
        double seedAp = ap50(seedModel, request.outDir(), gt, classes, test, ctx);
        List<Round> rounds = new ArrayList<>(List.of(new Round(seedSet.size(), seedAp, seedAp)));
        Arm random = new Arm("random", seedSet, seedModel);
        Arm ranked = new Arm("ranked", seedSet, seedModel);
        Random draw = new Random(request.seed() + 1);
        for (int r = 1; r <= request.rounds(); r++) {
            for (Arm arm : List.of(random, ranked)) {
                List<Long> left = pool.stream().filter(id -> !arm.labelled.contains(id)).toList();
                arm.labelled.addAll(arm == ranked ? ranked(arm.model, left, ctx) : pick(left, draw));
                arm.model = train("label-next-" + arm.name + "-" + r, arm.labelled, ctx);
                arm.ap50 = ap50(arm.model, request.outDir(), gt, classes, test, ctx);
            }
            rounds.add(new Round(random.labelled.size(), random.ap50, ranked.ap50));
        }
        return new Result(pretrained, test.size(), pool.size(), rounds, (System.nanoTime() - start) / 1e9);
    }

    /** One way of choosing what to label: the images labelled so far, the model trained on them, its score. */
    private static final class Arm {
        final String name;
        final Set<Long> labelled;
        String model;
        double ap50;

        Arm(String name, List<Long> seedSet, String seedModel) {
            this.name = name;
            this.labelled = new LinkedHashSet<>(seedSet);
            this.model = seedModel;
        }
    }

    private List<Long> pick(List<Long> left, Random random) {
        List<Long> shuffled = new ArrayList<>(left);
        Collections.shuffle(shuffled, random);
        return shuffled.subList(0, request.perRound());
    }

    /** The images the latest model ranks first among those not labelled yet. */
    private List<Long> ranked(String model, List<Long> left, JobContext ctx) throws Exception {
        return new RankJob(store, new RankJob.Request(request.dataset(), new HashSet<>(left), model, request.outDir(),
                request.perRound(), RankJob.DEFAULT_DIVERSITY)).run(ctx).stream().map(RankedImage::imageId).toList();
    }

    /**
     * Fine-tunes the pretrained model on these images, the only ones on a side of the split while it trains (a TEST
     * side would be scored after every epoch; the held-out side is scored once, by the engine a user runs).
     */
    private String train(String name, Collection<Long> images, JobContext ctx) throws Exception {
        ctx.message("training " + name + " on " + images.size() + " images");
        Map<Long, Split> sides = new HashMap<>();
        images.forEach(id -> sides.put(id, Split.TRAIN));
        long datasetId = store.requireDataset(request.dataset()).id();
        store.saveSplit(datasetId, sides);
        TrainSettings settings = TrainSettings.defaults().withEpochs(request.epochs());
        new TrainJob(store, new TrainRequest(request.dataset(), request.truthTask(), request.classes(),
                request.model(), request.modelsDir(), request.outDir(), name, settings, false), e -> { }).run(ctx);
        return name;
    }

    private double ap50(String model, Path modelsDir, List<EvalBox> gt, Set<String> classes, Set<Long> test,
                        JobContext ctx) throws Exception {
        List<EvalBox> predictions = EvalSources.read(store, request.dataset(), EvalSources.MODEL_PREFIX + model,
                modelsDir, classes, test, ctx);
        return CocoEvaluator.evaluate(gt, predictions, classes, test).ap50();
    }
}
