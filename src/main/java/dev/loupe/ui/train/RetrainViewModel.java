package dev.loupe.ui.train;

import dev.loupe.core.Task;
import dev.loupe.inference.ModelCatalog;
import dev.loupe.inference.ModelDescriptor;
import dev.loupe.inference.ModelException;
import dev.loupe.project.Project;
import dev.loupe.split.Splits;
import dev.loupe.train.EpochStats;
import dev.loupe.train.HeldOutComparison;
import dev.loupe.train.TrainJob;
import dev.loupe.train.TrainReport;
import dev.loupe.train.TrainRequest;
import dev.loupe.train.TrainSettings;
import dev.loupe.ui.common.FxJobs;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;

/**
 * One-click retraining of a dataset: splits it when it has no split yet, fine-tunes in the background with
 * live epochs, then compares pretrained and retrained models on the held-out images.
 */
public final class RetrainViewModel {

    /** The finished run and its comparison. */
    public record Outcome(TrainReport training, HeldOutComparison.Result compared) {
    }

    private final Project project;
    private final String dataset;
    private final FxJobs jobs;
    private final Path modelsDir;
    private final ObservableList<EpochStats> epochs = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>();

    public RetrainViewModel(Project project, String dataset, FxJobs jobs, Path modelsDir) {
        this.project = project;
        this.dataset = dataset;
        this.jobs = jobs;
        this.modelsDir = modelsDir;
    }

    public List<String> tasks() {
        return project.store().tasks().stream().map(Task::name).toList();
    }

    /** Models with a head Loupe can train (YOLOX); a broken descriptor in the models folder is an error. */
    public List<String> models() throws ModelException {
        return ModelCatalog.load(modelsDir).all().stream()
                .filter(d -> d.decoder() == ModelDescriptor.DecoderFamily.YOLOX).map(ModelDescriptor::name).toList();
    }

    public boolean hasSplit() {
        return !project.store().split(project.store().requireDataset(dataset).id()).isEmpty();
    }

    public ObservableList<EpochStats> epochs() {
        return epochs;
    }

    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** Splits 70 / 30 if needed, trains, compares; the retrained model goes to the project's models folder. */
    public void retrain(String task, List<String> classes, String model, TrainSettings settings) {
        epochs.clear();
        outcome.set(null);
        String name = model + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
        Path out = project.folder().resolve("models");
        jobs.submit("Retrain " + model + " on " + dataset, ctx -> {
            if (!hasSplit()) {
                Splits.make(project.store(), dataset, 0.3, 0, settings.seed());
            }
            TrainReport r = new TrainJob(project.store(), new TrainRequest(dataset, task, classes, model, modelsDir,
                    out, name, settings, null), e -> Platform.runLater(() -> epochs.add(e))).run(ctx);
            ctx.message("Comparing on the held-out images");
            HeldOutComparison.Result c = HeldOutComparison.run(project.store(), dataset, task, new HashSet<>(classes),
                    model, modelsDir, name, out, ctx);
            return new Outcome(r, c);
        }, outcome::set);
    }
}
