package dev.loupe.ui.train;

import dev.loupe.train.EpochStats;
import dev.loupe.train.TrainSettings;
import dev.loupe.train.UnfinishedRuns;
import dev.loupe.train.spec.TrainingSpec;
import dev.loupe.ui.plot.LinePlot;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.Arrays;
import java.util.List;

/**
 * Retrain: the ground-truth task, classes and base model with sensible defaults, one Retrain button, the TAO
 * spec in an advanced pane, a live chart of loss (and validation AP50) per epoch, and a result card comparing
 * pretrained and retrained AP50 on the held-out images.
 */
public final class RetrainView extends BorderPane {
    private final RetrainViewModel vm;
    private final ComboBox<String> task = new ComboBox<>();
    private final TextField classes = new TextField("person");
    private final ComboBox<String> model = new ComboBox<>();
    private final Spinner<Integer> epochs = new Spinner<>(1, 1000, TrainSettings.defaults().epochs());
    private final Spinner<Integer> batch = new Spinner<>(1, 256, 8);
    private final TextArea spec = new TextArea();
    private final LinePlot chart = new LinePlot();
    private final Label status = new Label();
    private final Label result = new Label();
    private final Label stoppedRun = new Label();
    private final Button resume = new Button("Resume");
    private final HBox resumeRow = new HBox(8, stoppedRun, resume);

    public RetrainView(RetrainViewModel vm) {
        this.vm = vm;
        setPadding(new Insets(10));
        chart.setId("trainingChart");
        result.setId("retrainResult");
        status.setId("retrainStatus");
        result.getStyleClass().add("result-card");
        result.setWrapText(true);
        epochs.setEditable(true);
        batch.setEditable(true);
        epochs.setPrefWidth(90);
        batch.setPrefWidth(80);
        spec.setText(TrainingSpec.of(TrainSettings.defaults(), null).text());
        spec.setPrefRowCount(14);
        spec.setStyle("-fx-font-family: monospace;");
        TitledPane advanced = new TitledPane("Advanced: training spec (TAO YOLOv4 format; epochs and batch above win)",
                spec);
        advanced.setExpanded(false);
        Button retrain = new Button("Retrain");
        retrain.setId("retrainButton");
        retrain.getStyleClass().add("accent");
        retrain.disableProperty().bind(task.valueProperty().isNull().or(model.valueProperty().isNull())
                .or(vm.runningProperty()));
        resume.disableProperty().bind(vm.runningProperty());
        retrain.setOnAction(e -> start());
        HBox form = new HBox(8, new Label("Ground truth"), task, new Label("classes"), classes, new Label("from"), model,
                new Label("epochs"), epochs, new Label("batch"), batch, retrain);
        form.setAlignment(Pos.CENTER_LEFT);
        resume.setId("resumeButton");
        stoppedRun.setId("stoppedRun");
        resumeRow.setAlignment(Pos.CENTER_LEFT);
        resumeRow.getStyleClass().add("result-card");
        resumeRow.setVisible(false);
        resumeRow.managedProperty().bind(resumeRow.visibleProperty());
        status.getStyleClass().add("muted");
        status.setText("Reading the project's tasks and the models folder ...");
        vm.loadChoices(this::offer);
        chart.setAxisLabels("epoch", "loss / AP50");
        chart.setWholeNumberX(true);
        VBox.setVgrow(chart, Priority.ALWAYS);
        setCenter(new VBox(8, form, resumeRow, status, advanced, chart, result));
        vm.epochs().addListener((ListChangeListener<EpochStats>) c -> plot());
        // a run that ended without a result says why, and a stopped one with a checkpoint is offered to continue
        vm.endedProperty().addListener((obs, o, why) -> {
            if (!why.isEmpty()) {
                vm.loadChoices(choices -> {
                    offer(choices);
                    status.setText(why);
                });
            }
        });
        vm.outcomeProperty().addListener((obs, o, r) -> {
            if (r != null) {
                var c = r.compared();
                String copies = c.copies() == 0 ? "" : String.format("%nWith their %d augmented copies (as the "
                        + "reference measured): %.1f%% → %.1f%%", c.copies(), 100 * c.pretrainedWithCopies().ap50(),
                        100 * c.retrainedWithCopies().ap50());
                result.setText(String.format("%s AP50 on %d held-out images: pretrained %.1f%% → retrained %.1f%% "
                                + "(%+.1f points)%s%nModel %s written to %s; trained on %d images at %.1f images/s; "
                                + "Pre-annotate finds it when that folder is the models folder.",
                        classes.getText(), c.originals(), 100 * c.pretrained().ap50(), 100 * c.retrained().ap50(),
                        100 * (c.retrained().ap50() - c.pretrained().ap50()), copies, r.training().modelName(),
                        r.training().onnx().getParent(), r.training().trainImages(), r.training().imagesPerSecond()));
            }
        });
    }

    private void offer(RetrainViewModel.Choices choices) {
        choose(task, choices.tasks(), "coco");
        choose(model, choices.models(), "yolox_nano");
        resumeRow.setVisible(!choices.unfinished().isEmpty());
        if (!choices.unfinished().isEmpty()) {
            UnfinishedRuns.Run last = choices.unfinished().get(0);
            TrainSettings s = last.request().settings();
            stoppedRun.setText(String.format("Run %s stopped after epoch %d of %d (%s on %s).",
                    last.request().outName(), last.epochsDone(), s.epochs(), last.request().model(),
                    last.request().task()));
            resume.setOnAction(e -> {
                resumeRow.setVisible(false);
                epochs.getValueFactory().setValue(s.epochs());
                batch.getValueFactory().setValue(s.batchSize());
                result.setText("");
                status.setText(String.format("Continuing %s from epoch %d ...", last.request().outName(),
                        last.epochsDone() + 1));
                vm.resume(last);
            });
        }
        status.setText(choices.problem() != null ? choices.problem() : choices.hasSplit()
                ? "Trains on the dataset's training side; compares on its held-out side."
                : "No split yet: 30% of the images (each with its augmented copies) will be held out for the comparison.");
    }

    /** Offers these items, keeping the user's choice when it is still there, else the usual one, else the first. */
    private static void choose(ComboBox<String> box, List<String> items, String usual) {
        String kept = box.getValue();
        box.getItems().setAll(items);
        box.setValue(items.contains(kept) ? kept : items.contains(usual) ? usual : items.isEmpty() ? null
                : items.get(0));
    }

    private void start() {
        TrainSettings settings;
        try {
            settings = TrainingSpec.parse(spec.getText(), "training spec").settings().withEpochs(epochs.getValue())
                    .withBatchSize(batch.getValue());
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return;
        }
        List<String> names = Arrays.stream(classes.getText().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
        result.setText("");
        status.setText(String.format("Training %d epochs, batch %d, LR %.0e..%.0e, L1 %.0e ...", settings.epochs(),
                settings.batchSize(), settings.minLearningRate(), settings.maxLearningRate(), settings.l1()));
        vm.retrain(task.getValue(), names, model.getValue(), settings);
    }

    private void plot() {
        List<double[]> loss = vm.epochs().stream().map(e -> new double[]{e.epoch(), e.loss()}).toList();
        List<double[]> ap = vm.epochs().stream().map(e -> new double[]{e.epoch(), e.validationAp50()}).toList();
        boolean validated = ap.stream().anyMatch(p -> !Double.isNaN(p[1]));
        chart.setSeries(validated ? List.of(new LinePlot.Series("loss per image", Color.web("#2f6fde"), loss),
                new LinePlot.Series("validation AP50", Color.web("#e0242b"), ap))
                : List.of(new LinePlot.Series("loss per image", Color.web("#2f6fde"), loss)));
        if (vm.epochs().isEmpty()) {
            return; // a new run cleared the last one's epochs
        }
        EpochStats last = vm.epochs().get(vm.epochs().size() - 1);
        int left = epochs.getValue() - last.epoch();
        status.setText(String.format("Epoch %d of %d: loss %.3f, %.0f s per epoch%s", last.epoch(), epochs.getValue(),
                last.loss(), last.seconds(), left > 0 ? String.format(", about %.0f min left", left * last.seconds() / 60)
                        : ""));
    }
}
