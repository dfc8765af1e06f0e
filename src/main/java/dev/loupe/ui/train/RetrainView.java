package dev.loupe.ui.train;

import dev.loupe.train.EpochCurve;
import dev.loupe.train.EpochStats;
import dev.loupe.train.TrainableLabels;
import dev.loupe.train.TrainSettings;
import dev.loupe.train.UnfinishedRuns;
import dev.loupe.train.spec.TrainingSpec;
import dev.loupe.ui.plot.LinePlot;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.List;

/**
 * Retrain: the ground-truth task, classes and base model with sensible defaults, one Retrain button, the TAO
 * spec in an advanced pane, a live chart of loss (and validation AP50) per epoch, and a result card comparing
 * pretrained and retrained AP50 on the held-out images.
 */
public final class RetrainView extends BorderPane {
    private final RetrainViewModel vm;
    private final ComboBox<String> task = new ComboBox<>();
    private final FlowPane classes = new FlowPane(10, 4);
    private final Label classesHint = new Label();
    private final ObservableList<String> checkedClasses = FXCollections.observableArrayList();
    private final ComboBox<String> model = new ComboBox<>();
    private final Spinner<Integer> epochs = new Spinner<>(0, 1000, TrainSettings.defaults().epochs());
    private final Spinner<Integer> batch = new Spinner<>(1, 256, 8);
    private final TextArea spec = new TextArea();
    private final LinePlot chart = new LinePlot();
    private final Label status = new Label();
    private final Label result = new Label();
    private final Button preannotate = new Button();
    private final Label preannotated = new Label();
    private final HBox nextRow = new HBox(8, preannotate, preannotated);
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
        resume.disableProperty().bind(vm.runningProperty());
        retrain.setOnAction(e -> start());
        retrain.disableProperty().bind(task.valueProperty().isNull().or(model.valueProperty().isNull())
                .or(vm.runningProperty()).or(Bindings.isEmpty(checkedClasses)));
        epochs.setTooltip(new Tooltip("0: as many as the image count needs, within "
                + (int) TrainSettings.DEFAULT_BUDGET_MINUTES + " minutes"));
        HBox form = new HBox(8, new Label("Ground truth"), task, new Label("from"), model,
                new Label("epochs (0 = auto)"), epochs, new Label("batch"), batch, retrain);
        form.setAlignment(Pos.CENTER_LEFT);
        classes.setId("trainClasses");
        classesHint.getStyleClass().add("muted");
        HBox classRow = new HBox(8, new Label("Classes"), classes, classesHint);
        classRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(classes, Priority.ALWAYS);
        task.valueProperty().addListener((obs, o, n) -> loadLabels());
        model.valueProperty().addListener((obs, o, n) -> loadLabels());
        preannotate.setId("preannotateUnlabelled");
        preannotate.setMnemonicParsing(false); // model names have underscores
        preannotate.getStyleClass().add("accent");
        nextRow.setAlignment(Pos.CENTER_LEFT);
        nextRow.setVisible(false);
        nextRow.managedProperty().bind(nextRow.visibleProperty());
        resume.setId("resumeButton");
        stoppedRun.setId("stoppedRun");
        resumeRow.setAlignment(Pos.CENTER_LEFT);
        resumeRow.getStyleClass().add("result-card");
        resumeRow.setVisible(false);
        resumeRow.managedProperty().bind(resumeRow.visibleProperty());
        status.getStyleClass().add("muted");
        status.setText("Reading the project's tasks and the models folder ...");
        vm.loadChoices(this::offer);
        chart.setAxisLabels("minutes", "AP50 / relative loss");
        VBox.setVgrow(chart, Priority.ALWAYS);
        setCenter(new VBox(8, form, classRow, resumeRow, status, advanced, chart, result, nextRow));
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
            nextRow.setVisible(false);
            if (r != null) {
                result.setText(RetrainResult.describe(r));
                if (r.unlabelled() > 0) {
                    preannotate.setText(String.format("Pre-annotate the %d images without boxes with %s",
                            r.unlabelled(), r.training().modelName()));
                    preannotated.setText("");
                    preannotate.setDisable(false);
                    preannotate.setOnAction(e -> {
                        preannotate.setDisable(true);
                        preannotated.setText("Pre-annotating ...");
                        vm.preannotateUnlabelled(r, preannotated::setText);
                    });
                    nextRow.setVisible(true);
                }
            }
        });
    }

    /** Offers the chosen task's labels as classes, all checked, new ones marked against the chosen model. */
    private void loadLabels() {
        if (task.getValue() == null || model.getValue() == null) {
            return;
        }
        String forTask = task.getValue();
        String forModel = model.getValue();
        vm.loadLabels(forTask, forModel, labels -> {
            if (!forTask.equals(task.getValue()) || !forModel.equals(model.getValue())) {
                return; // the user chose again meanwhile
            }
            classes.getChildren().clear();
            checkedClasses.clear();
            for (TrainableLabels.TrainableLabel l : labels) {
                CheckBox box = new CheckBox(String.format("%s (%d %s%s)", l.name(), l.boxes(),
                        l.boxes() == 1 ? "box" : "boxes", l.isNew() ? ", new" : ""));
                box.setSelected(true);
                box.setMnemonicParsing(false); // label names may have underscores
                box.setUserData(l.name());
                if (l.isNew()) {
                    box.getStyleClass().add("new-class");
                    box.setTooltip(new Tooltip(forModel + " has never seen '" + l.name()
                            + "': it gets a new output of its own"));
                }
                box.selectedProperty().addListener((obs, was, on) -> syncChecked());
                classes.getChildren().add(box);
            }
            syncChecked();
            long fresh = labels.stream().filter(TrainableLabels.TrainableLabel::isNew).count();
            classesHint.setText(labels.isEmpty() ? "no boxes in this task" : fresh == 0 ? ""
                    : fresh + " new to " + forModel);
        }, problem -> {
            classes.getChildren().clear();
            checkedClasses.clear();
            classesHint.setText(problem);
        });
    }

    private void syncChecked() {
        checkedClasses.setAll(classes.getChildren().stream().map(n -> (CheckBox) n).filter(CheckBox::isSelected)
                .map(c -> (String) c.getUserData()).toList());
    }

    private void offer(RetrainViewModel.Choices choices) {
        choose(task, choices.tasks(), "coco");
        choose(model, choices.models(), "yolox_nano");
        resumeRow.setVisible(!choices.unfinished().isEmpty());
        if (!choices.unfinished().isEmpty()) {
            UnfinishedRuns.Run last = choices.unfinished().get(0);
            TrainSettings s = last.request().settings();
            stoppedRun.setText(String.format("Run %s stopped after epoch %d of %d (%s on %s).",
                    last.request().outName(), last.epochsDone(), last.plannedEpochs(), last.request().model(),
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
        List<String> names = List.copyOf(checkedClasses);
        result.setText("");
        status.setText(String.format("Training %s, batch %d, LR %.0e..%.0e, L1 %.0e ...", settings.epochs() == 0
                        ? "as many epochs as the images need (at most " + (int) settings.budgetMinutes() + " min)"
                        : settings.epochs() + " epochs", settings.batchSize(), settings.minLearningRate(),
                settings.maxLearningRate(), settings.l1()));
        vm.retrain(task.getValue(), names, model.getValue(), settings);
    }

    private void plot() {
        double[] minutes = EpochCurve.minutes(vm.epochs());
        // loss as a share of the first epoch's, so it shares the 0..1 axis with AP50 (the status gives its value)
        double firstLoss = vm.epochs().isEmpty() ? 1 : vm.epochs().get(0).loss();
        List<double[]> loss = new ArrayList<>();
        List<double[]> validationAp = new ArrayList<>();
        List<double[]> testAp = new ArrayList<>();
        for (int i = 0; i < minutes.length; i++) {
            EpochStats e = vm.epochs().get(i);
            loss.add(new double[]{minutes[i], e.loss() / firstLoss});
            validationAp.add(new double[]{minutes[i], e.validationAp50()});
            testAp.add(new double[]{minutes[i], e.testAp50()});
        }
        List<LinePlot.Series> series = new ArrayList<>();
        series.add(new LinePlot.Series("loss (share of the first epoch's)", Color.web("#2f6fde"), loss));
        if (validationAp.stream().anyMatch(p -> !Double.isNaN(p[1]))) {
            series.add(new LinePlot.Series("validation AP50", Color.web("#e0242b"), validationAp));
        }
        if (testAp.stream().anyMatch(p -> !Double.isNaN(p[1]))) {
            series.add(new LinePlot.Series("test AP50 (only watched)", Color.web("#e08a24"), testAp));
        }
        chart.setSeries(series);
        if (vm.epochs().isEmpty()) {
            return; // a new run cleared the last one's epochs
        }
        EpochStats last = vm.epochs().get(vm.epochs().size() - 1);
        int left = last.plannedEpochs() - last.epoch();
        status.setText(String.format("Epoch %d of %d: loss %.3f, %.0f s per epoch%s", last.epoch(),
                last.plannedEpochs(), last.loss(), last.seconds(), left > 0
                        ? ", " + timeLeft(left * last.seconds()) : ""));
    }

    private static String timeLeft(double seconds) {
        return seconds < 60 ? "under a minute left" : String.format("about %.0f min left", seconds / 60);
    }
}
