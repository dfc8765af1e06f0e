package dev.loupe.suspects;

import dev.loupe.consensus.Shape;
import dev.loupe.core.Dataset;
import dev.loupe.core.Task;
import dev.loupe.eval.EvalBox;
import dev.loupe.eval.TaskBoxes;
import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobContext;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The likely mistakes of a task's boxes on a dataset against a model's predictions there, best first. Rejected boxes
 * take no part; crowd regions only cover the predictions inside them.
 */
public final class SuspectsJob implements Job<List<Suspect>> {
    private final ProjectStore store;
    private final String dataset;
    private final String task;
    private final List<EvalBox> predictions;
    private final SuspectConfig config;

    public SuspectsJob(ProjectStore store, String dataset, String task, List<EvalBox> predictions, SuspectConfig config) {
        this.store = store;
        this.dataset = dataset;
        this.task = task;
        this.predictions = List.copyOf(predictions);
        this.config = config;
    }

    @Override
    public List<Suspect> run(JobContext ctx) throws InterruptedException {
        Dataset ds = store.requireDataset(dataset);
        Task t = store.requireTask(task);
        Map<Long, String> labels = store.labelNames();
        Map<Long, List<Shape>> labelled = new HashMap<>();
        Map<Long, List<Shape>> crowds = new HashMap<>();
        TaskBoxes.forEachKept(store, ds.id(), t.id(), b -> (b.crowd() ? crowds : labelled)
                .computeIfAbsent(b.imageId(), k -> new ArrayList<>())
                .add(new Shape(0, b.id(), labels.get(b.labelId()), b.x(), b.y(), b.w(), b.h(), Double.NaN)));
        Map<Long, List<Shape>> predicted = new HashMap<>();
        for (EvalBox p : predictions) {
            predicted.computeIfAbsent(p.imageId(), k -> new ArrayList<>()).add(new Shape(1, 0, p.label(), p.x(), p.y(),
                    p.w(), p.h(), p.score()));
        }
        TreeSet<Long> images = new TreeSet<>(labelled.keySet());
        images.addAll(predicted.keySet());
        List<Suspect> out = new ArrayList<>();
        int done = 0;
        for (long image : images) {
            ctx.checkCancelled();
            out.addAll(SuspectFinder.find(image, labelled.getOrDefault(image, List.of()),
                    crowds.getOrDefault(image, List.of()), predicted.getOrDefault(image, List.of()), config));
            ctx.progress(++done, images.size());
        }
        out.sort(Comparator.comparingDouble(Suspect::score).reversed().thenComparingLong(Suspect::imageId));
        return out;
    }
}
