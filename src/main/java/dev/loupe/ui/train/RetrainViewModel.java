package dev.loupe.ui.train;

import dev.loupe.core.Task;
import dev.loupe.inference.ModelCatalog;
import dev.loupe.jobs.JobHandle;
import dev.loupe.jobs.JobState;
import dev.loupe.inference.ModelDescriptor;
import dev.loupe.inference.ModelException;
import dev.loupe.project.Project;
import dev.loupe.split.Splits;
import dev.loupe.inference.PreannotateReport;
import dev.loupe.train.EpochStats;
import dev.loupe.eval.ImageScope;
import dev.loupe.train.HeldOutComparison;
import dev.loupe.train.PreannotateUnlabelled;
import dev.loupe.train.TrainJob;
import dev.loupe.train.TrainableLabels;
import dev.loupe.train.TrainReport;
import dev.loupe.train.TrainRequest;
import dev.loupe.train.TrainSettings;
import dev.loupe.train.UnfinishedRuns;
import dev.loupe.ui.common.FxJobs;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * One-click retraining of a dataset: splits it when it has no split yet, fine-tunes in the background with
 * live epochs, then compares pretrained and retrained models on the held-out images.
 */
public final class RetrainViewModel {

    /**
     * The finished run, its comparison, the classes the base model did not know, and how many images have no box
     * in the ground truth (what the new model can pre-annotate next).
     */
    public record Outcome(TrainReport training, HeldOutComparison.Result compared, String groundTruth,
                          List<String> newClasses, int unlabelled) {
    }

    private final Project project;
    private final String dataset;
    private final FxJobs jobs;
    private final Path modelsDir;
    private final Runnable onNewTask;
    private final ObservableList<EpochStats> epochs = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper ended = new ReadOnlyStringWrapper("");

    /** @param onNewTask runs on the FX thread when a task was added to the project (the gallery shows it) */
    public RetrainViewModel(Project project, String dataset, FxJobs jobs, Path modelsDir, Runnable onNewTask) {
        this.project = project;
        this.onNewTask = onNewTask;
        this.dataset = dataset;
        this.jobs = jobs;
        this.modelsDir = modelsDir;
    }

    /**
     * What the form offers: the project's tasks (not the evaluation caches of model runs), the models with a head
     * Loupe can train (YOLOX), why there are none when the models folder cannot be read, whether the dataset has
     * a split yet, and this dataset's runs that stopped before writing their model (newest first).
     */
    public record Choices(List<String> tasks, List<String> models, String problem, boolean hasSplit,
                          List<UnfinishedRuns.Run> unfinished) {
    }

    /** Reads the choices off the FX thread (the store and the models folder) and hands them over on it. */
    public void loadChoices(Consumer<Choices> onLoaded) {
        readOffFx("loupe-retrain-choices", () -> {
            Choices c = choices();
            Platform.runLater(() -> onLoaded.accept(c));
        });
    }

    /** Reads the store or the models folder on a thread of its own; the reader hands its result to the FX thread. */
    private static void readOffFx(String name, Runnable read) {
        Thread reader = new Thread(read, name);
        reader.setDaemon(true);
        reader.start();
    }

    private Choices choices() {
        List<String> tasks = List.of();
        try {
            tasks = project.store().tasks().stream().filter(t -> !t.isEvaluationCache()).map(Task::name).toList();
            List<String> models = ModelCatalog.load(modelsDir).all().stream()
                    .filter(d -> d.decoder() == ModelDescriptor.DecoderFamily.YOLOX).map(ModelDescriptor::name)
                    .toList();
            try {
                List<UnfinishedRuns.Run> unfinished = UnfinishedRuns.in(outDir()).stream()
                        .filter(r -> r.request().dataset().equals(dataset)).toList();
                return new Choices(tasks, models, null, hasSplit(), unfinished);
            } catch (IOException e) {
                return new Choices(tasks, models, "A stopped run cannot be continued: " + e.getMessage(), hasSplit(),
                        List.of());
            }
        } catch (ModelException e) {
            return new Choices(tasks, List.of(), "No model to retrain: " + e.getMessage(), false, List.of());
        } catch (RuntimeException e) {
            return new Choices(tasks, List.of(), "Could not read the project: " + e.getMessage(), false, List.of());
        }
    }

    private boolean hasSplit() {
        return !project.store().split(project.store().requireDataset(dataset).id()).isEmpty();
    }

    public ObservableList<EpochStats> epochs() {
        return epochs;
    }

    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** Whether this window's run is going: one at a time, two would share the CPU and the models folder. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Why the last run ended without a result (cancelled, or its error), set when it ends; empty otherwise. */
    public ReadOnlyStringProperty endedProperty() {
        return ended.getReadOnlyProperty();
    }

    /** Splits 70 / 30 if needed, trains, compares; the retrained model goes to the project's models folder. */
    public void retrain(String task, List<String> classes, String model, TrainSettings settings) {
        String name = model + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
        run(new TrainRequest(dataset, task, classes, model, modelsDir, outDir(), name, settings, false));
    }

    /** Continues a stopped run from its last checkpoint, then compares as a new run does. */
    public void resume(UnfinishedRuns.Run stopped) {
        run(stopped.request());
    }

    private void run(TrainRequest request) {
        epochs.clear();
        outcome.set(null);
        ended.set("");
        running.set(true);
        String name = (request.resume() ? "Resume " : "Retrain ") + request.model() + " on " + dataset;
        JobHandle<Outcome> handle = jobs.submit(name, ctx -> {
            if (!hasSplit()) {
                Splits.make(project.store(), dataset, 0.3, 0, request.settings().seed());
            }
            TrainReport r = new TrainJob(project.store(), request, e -> Platform.runLater(() -> epochs.add(e)))
                    .run(ctx);
            ctx.message("Comparing on the held-out images");
            HeldOutComparison.Result c = HeldOutComparison.run(project.store(), dataset, request.task(),
                    new HashSet<>(request.classes()), request.model(), request.modelsDir(), request.outName(),
                    request.outDir(), ImageScope.EVERY_IMAGE, ctx);
            List<String> known = ModelCatalog.load(request.modelsDir()).get(request.model()).classNames();
            return new Outcome(r, c, request.task(), request.classes().stream().filter(k -> !known.contains(k)).toList(),
                    PreannotateUnlabelled.unlabelled(project.store(), dataset, request.task()).size());
        }, outcome::set);
        handle.result().whenComplete((done, failure) -> Platform.runLater(() -> {
            if (failure != null) {
                ended.set(handle.state() == JobState.CANCELLED ? "Stopped."
                        : "Retraining failed: " + handle.message());
            }
            running.set(false);
        }));
    }

    /**
     * The task's labels with their box counts, new ones marked against the model, read off the FX thread; why they
     * cannot be read goes to {@code onProblem}.
     */
    public void loadLabels(String task, String model, Consumer<List<TrainableLabels.TrainableLabel>> onLoaded,
                           Consumer<String> onProblem) {
        readOffFx("loupe-retrain-labels", () -> {
            try {
                List<TrainableLabels.TrainableLabel> labels = TrainableLabels.of(project.store(), dataset, task,
                        ModelCatalog.load(modelsDir).get(model).classNames());
                Platform.runLater(() -> onLoaded.accept(labels));
            } catch (ModelException | RuntimeException e) {
                Platform.runLater(() -> onProblem.accept("Cannot list the classes: " + e.getMessage()));
            }
        });
    }

    /** Pre-annotates the images without ground truth with the retrained model, into a task named after it. */
    public void preannotateUnlabelled(Outcome done, Consumer<String> onDone) {
        TrainReport r = done.training();
        String task = r.modelName();
        JobHandle<PreannotateReport> handle = jobs.submit("Pre-annotate with " + task,
                new PreannotateUnlabelled(project.store(), dataset, done.groundTruth(), r.modelName(),
                        r.onnx().getParent(), task), report -> {
                    onDone.accept(String.format("Pre-annotated %d images into task '%s': %d boxes to review.",
                            report.images(), task, report.boxes()));
                    onNewTask.run();
                });
        handle.result().whenComplete((x, failure) -> {
            if (failure != null) {
                Platform.runLater(() -> onDone.accept("Pre-annotation stopped: " + handle.message()));
            }
        });
    }

    private Path outDir() {
        return project.folder().resolve("models");
    }
}
