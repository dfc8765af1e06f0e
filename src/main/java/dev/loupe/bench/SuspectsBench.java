package dev.loupe.bench;

import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.eval.EvalBox;
import dev.loupe.eval.TaskBoxes;
import dev.loupe.jobs.JobContext;
import dev.loupe.project.Project;
import dev.loupe.store.ProjectStore;
import dev.loupe.suspects.Suspect;
import dev.loupe.suspects.SuspectConfig;
import dev.loupe.suspects.SuspectsJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Suspects at scale: a project of N images with B labelled objects each and a model's predictions of them (each
 * object found with a confident score, plus faint guesses as an evaluation run keeps them), 3% of the labelled boxes
 * each deleted, shifted, relabelled or doubled by a made-up box (seeded). Times reading the predictions and finding
 * the suspects, against reading both tasks' boxes alone (the store's floor). Goal: 100k images x 10 boxes under a
 * minute.
 */
@Command(name = "suspects", mixinStandardHelpOptions = true,
        description = "Suspects over N images x B boxes against a model's predictions: time, against reading the boxes.")
final class SuspectsBench implements Callable<Integer> {
    private static final String LABELLED = "labelled";
    private static final String PREDICTED = "predicted";
    /** Faint predictions per object, as a run at score 0.001 keeps them around each object. */
    private static final int FAINT = 2;

    @Option(names = "--images", defaultValue = "100000", description = "Images (default ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--boxes", defaultValue = "10", description = "Labelled objects per image (default ${DEFAULT-VALUE}).")
    int boxes;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per figure; medians are reported (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--dir", description = "Work folder (default: a new temporary folder, deleted afterwards).")
    Path dir;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        try (BenchFolder folder = BenchFolder.of(dir, "suspects");
             Project p = Project.create(folder.path().resolve("project"))) {
            long t = System.nanoTime();
            int injected = fill(p.store());
            System.err.printf("made %,d images, %,d labelled boxes and their predictions in %.1f s%n", images,
                    (long) images * boxes, (System.nanoTime() - t) / 1e9);
            double[] read = new double[runs];
            double[] job = new double[runs];
            List<Suspect> suspects = List.of();
            for (int r = 0; r < runs; r++) {
                t = System.nanoTime();
                Map<String, List<EvalBox>> floor = TaskBoxes.read(p.store(), "bench", List.of(LABELLED, PREDICTED));
                read[r] = (System.nanoTime() - t) / 1e9;
                long seen = floor.values().stream().mapToLong(List::size).sum();
                floor = null;
                System.gc();
                t = System.nanoTime();
                List<EvalBox> predictions = TaskBoxes.read(p.store(), "bench", List.of(PREDICTED)).get(PREDICTED);
                suspects = new SuspectsJob(p.store(), "bench", LABELLED, predictions, SuspectConfig.defaults())
                        .run(JobContext.silent());
                job[r] = (System.nanoTime() - t) / 1e9;
                System.err.printf("run %d: read %,d boxes in %.1f s; suspects %.1f s%n", r + 1, seen, read[r], job[r]);
            }
            figures.put("images", images);
            figures.put("labelledBoxes", (long) images * boxes);
            figures.put("injectedErrors", injected);
            figures.put("suspects", suspects.size());
            figures.put("readSec", GalleryBench.round(GalleryBench.median(read)));
            figures.put("suspectsSec", GalleryBench.round(GalleryBench.median(job)));
            figures.put("suspectsToReadRatio", GalleryBench.round(GalleryBench.median(job) / GalleryBench.median(read)));
        }
        BenchOutput.print(figures, json);
        return 0;
    }

    /** The images (rows only), the labelled boxes with their errors and the predictions; returns the errors made. */
    private int fill(ProjectStore store) {
        long[] ids = BenchImages.rows(store, "bench", images);
        long[] labels = {store.label("person").id(), store.label("car").id(), store.label("dog").id()};
        long labelled = store.task(LABELLED, "").id();
        long predicted = store.task(PREDICTED, "").id();
        SplittableRandom random = new SplittableRandom(22);
        List<NewBox> batch = new ArrayList<>();
        int injected = 0;
        for (long image : ids) {
            for (int k = 0; k < boxes; k++) {
                double x = random.nextDouble(1100);
                double y = random.nextDouble(560);
                double w = 40 + random.nextDouble(140);
                double h = 40 + random.nextDouble(140);
                int li = random.nextInt(labels.length);
                long label = labels[li];
                batch.add(new NewBox(image, predicted, label, x + random.nextDouble(-3, 3), y + random.nextDouble(-3, 3),
                        w, h, Source.MODEL, random.nextDouble(0.5, 0.99), ReviewStatus.PENDING, PREDICTED));
                for (int f = 0; f < FAINT; f++) {
                    batch.add(new NewBox(image, predicted, labels[random.nextInt(labels.length)],
                            x + random.nextDouble(-0.3, 0.3) * w, y + random.nextDouble(-0.3, 0.3) * h, w, h,
                            Source.MODEL, random.nextDouble(0.001, 0.05), ReviewStatus.PENDING, PREDICTED));
                }
                double u = random.nextDouble();
                injected += u < 0.12 ? 1 : 0;
                if (u < 0.03) { // deleted
                    continue;
                }
                double bx = u < 0.06 ? x + 0.5 * w : x; // shifted by half its width
                long bl = u >= 0.06 && u < 0.09 ? labels[(li + 1) % labels.length] : label; // relabelled
                if (u >= 0.09 && u < 0.12) { // a made-up box where nothing is
                    batch.add(new NewBox(image, labelled, label, random.nextDouble(1100), random.nextDouble(560), w, h,
                            Source.HUMAN, Double.NaN, ReviewStatus.PENDING, LABELLED));
                }
                batch.add(new NewBox(image, labelled, bl, bx, y, w, h, Source.HUMAN, Double.NaN, ReviewStatus.PENDING,
                        LABELLED));
            }
            if (batch.size() >= 30_000) {
                store.addBoxes(batch);
                batch.clear();
            }
        }
        store.addBoxes(batch);
        return injected;
    }
}
