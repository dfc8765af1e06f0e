package dev.loupe.bench;

import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.eval.TaskBoxes;
import dev.loupe.formats.AnnotationFormats;
import dev.loupe.formats.AnnotationImportRequest;
import dev.loupe.formats.ImportAnnotationsJob;
import dev.loupe.formats.ReadOptions;
import dev.loupe.formats.UnknownLabels;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.rank.LabelNextExperiment;
import dev.loupe.store.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Active labelling against random labelling ({@link LabelNextExperiment}) on a folder of images with ground truth,
 * once per seed: the held-out AP50 of each arm after every round, and the ranked arm's lead averaged over seeds and
 * rounds.
 */
@Command(name = "label-next", mixinStandardHelpOptions = true,
        description = "Held-out AP50 after labelling the images the ranking picks against as many picked at random.")
final class LabelNextBench implements Callable<Integer> {

    @Option(names = "--images", required = true, description = "Folder of images (e.g. ../shared/data/coco-dev).")
    Path images;

    @Option(names = "--annotations", required = true, split = ",", description = "Ground-truth files, comma-separated.")
    List<Path> annotations;

    @Option(names = "--format", defaultValue = "coco", description = "Their format (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--classes", defaultValue = "person", split = ",", description = "Classes to train and score (default ${DEFAULT-VALUE}).")
    List<String> classes;

    @Option(names = "--model", defaultValue = "yolox_nano")
    String model;

    @Option(names = "--models-dir", required = true)
    Path modelsDir;

    @Option(names = "--seed-images", defaultValue = "20", description = "Labelled at the start (default ${DEFAULT-VALUE}).")
    int seedImages;

    @Option(names = "--per-round", defaultValue = "20", description = "Labelled each round (default ${DEFAULT-VALUE}).")
    int perRound;

    @Option(names = "--rounds", defaultValue = "2", description = "Rounds (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--epochs", defaultValue = "6", description = "Epochs per training (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--test-fraction", defaultValue = "0.3", description = "Held out (default ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--seeds", defaultValue = "1,2", split = ",", description = "One experiment per seed (default ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--as-new-class", description = "Train and score the classes under new names, as classes the "
            + "model never saw (a user's own), so labelling teaches it something even on images it was trained on.")
    boolean asNewClass;

    @Option(names = "--dir", description = "Work folder (default: a new temporary folder, deleted afterwards).")
    Path dir;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        Map<String, Object> figures = new LinkedHashMap<>();
        try (BenchFolder folder = BenchFolder.of(dir, "label-next");
             Project p = Project.create(folder.path().resolve("project"))) {
            Path work = folder.path();
            new ImportImagesJob(p.store(), "bench", ImportSources.fromArguments(List.of(images.toString())),
                    new UrlFetcher(work.resolve("downloads"), Duration.ofSeconds(1))).run(JobContext.silent());
            new ImportAnnotationsJob(p.store(), new AnnotationImportRequest("bench", AnnotationFormats.byName(format),
                    annotations, ReadOptions.defaults(), "truth", "", false, false, UnknownLabels.ADD, "bench"))
                    .run(JobContext.silent());
            String truth = "truth";
            List<String> trained = classes;
            if (asNewClass) {
                truth = renamedAsNew(p.store());
                trained = classes.stream().map(LabelNextBench::newName).toList();
            }
            List<Map<String, Object>> runs = new ArrayList<>();
            double lead = 0;
            int counted = 0;
            for (long seed : seeds) {
                LabelNextExperiment.Result r = new LabelNextExperiment(p.store(), new LabelNextExperiment.Request(
                        "bench", truth, trained, model, modelsDir, work.resolve("models-" + seed), seedImages,
                        perRound, rounds, testFraction, epochs, seed)).run(JobContext.silent());
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("seed", seed);
                run.put("heldOut", r.heldOut());
                run.put("pretrainedAp50", ap(r.pretrainedAp50()));
                List<Map<String, Object>> rows = new ArrayList<>();
                for (LabelNextExperiment.Round round : r.rounds()) {
                    rows.add(Map.of("labelled", round.labelled(), "randomAp50", ap(round.randomAp50()),
                            "rankedAp50", ap(round.rankedAp50())));
                    System.err.printf("seed %d, %d labelled: random %.3f, ranked %.3f%n", seed, round.labelled(),
                            round.randomAp50(), round.rankedAp50());
                }
                for (LabelNextExperiment.Round round : r.rounds().subList(1, r.rounds().size())) {
                    lead += round.rankedAp50() - round.randomAp50();
                    counted++;
                }
                run.put("rounds", rows);
                run.put("seconds", Math.round(r.seconds()));
                runs.add(run);
            }
            figures.put("classes", trained);
            figures.put("runs", runs);
            figures.put("meanRankedLeadAp50", ap(lead / counted));
        }
        BenchOutput.print(figures, json);
        return 0;
    }

    private static String newName(String name) {
        return name + " (new)";
    }

    /** Copies the ground truth of the classes into a task of their own under new names; returns its name. */
    private String renamedAsNew(ProjectStore store) {
        long datasetId = store.requireDataset("bench").id();
        long task = store.task("truth-new", "").id();
        Map<Long, Long> renamed = new HashMap<>();
        for (String name : classes) {
            renamed.put(store.label(name).id(), store.label(newName(name)).id());
        }
        List<NewBox> copies = new ArrayList<>();
        TaskBoxes.forEach(store, datasetId, store.requireTask("truth").id(), b -> {
            if (renamed.containsKey(b.labelId())) {
                copies.add(new NewBox(b.imageId(), task, renamed.get(b.labelId()), b.x(), b.y(), b.w(), b.h(),
                        Source.HUMAN, Double.NaN, ReviewStatus.ACCEPTED, "bench", b.crowd()));
            }
        });
        store.addBoxes(copies);
        return "truth-new";
    }

    /** AP to a tenth of a point: rounds differ by about that much. */
    private static double ap(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
