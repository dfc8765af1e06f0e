package dev.loupe.ui.train;

import dev.loupe.jobs.JobCancelledException;
import dev.loupe.split.Splits;
import dev.loupe.testing.Contexts;
import dev.loupe.testing.Screenshots;
import dev.loupe.testing.SharedData;
import dev.loupe.train.TrainJob;
import dev.loupe.train.TrainRequest;
import dev.loupe.train.TrainSettings;
import dev.loupe.train.UnfinishedRuns;
import dev.loupe.ui.app.MainWindowUiTest;
import dev.loupe.ui.plot.LinePlot;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One click retrains on a small real dataset: the split is made, the chart fills, the result card compares; a
 * run stopped before it wrote its model is offered to continue.
 */
class RetrainUiTest extends MainWindowUiTest {

    @Start
    void start(Stage stage) {
        mount(stage);
    }

    private static final List<String> EIGHT = List.of("000000005802.jpg", "000000012448.jpg", "000000060623.jpg",
            "000000079841.jpg", "000000111076.jpg", "000000113588.jpg", "000000222564.jpg", "000000318219.jpg");

    private void openEight(FxRobot robot) throws Exception {
        Path tiny = SharedData.cocoDev().resolve("tiny50-train");
        Path folder = Files.createDirectories(tmp.resolve("eight"));
        for (String name : EIGHT) {
            Files.copy(tiny.resolve("images").resolve(name), folder.resolve(name));
        }
        assertTrue(openWithCocoBoxes(robot, folder, 8).startsWith("Stored"));
    }

    private Window openRetrainWindow(FxRobot robot) throws Exception {
        robot.clickOn("#retrainOpen");
        Window window = robot.listTargetWindows().stream()
                .filter(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Retrain"))
                .findFirst().orElseThrow();
        robot.interact(() -> ((Stage) window).toFront());
        Button retrain = robot.from(window.getScene().getRoot()).lookup("#retrainButton").queryButton();
        // the tasks and models are read off the FX thread; the button waits for them
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !retrain.isDisabled());
        return window;
    }

    private Label awaitResult(FxRobot robot, Window window) throws Exception {
        Label result = robot.from(window.getScene().getRoot()).lookup("#retrainResult").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> !result.getText().isEmpty()
                || vm.jobs().rows().stream().anyMatch(r -> r.stateProperty().get() == dev.loupe.jobs.JobState.FAILED));
        assertTrue(!result.getText().isEmpty(), () -> "the retraining job failed: " + vm.jobs().rows().stream()
                .map(r -> r.nameProperty().get() + ": " + r.detailProperty().get()).toList());
        return result;
    }

    @Test
    void aStoppedRunIsOfferedAndContinues(FxRobot robot) throws Exception {
        openEight(robot);
        var project = vm.projectProperty().get();
        String dataset = vm.selectedDatasetProperty().get().dataset().name();
        Splits.make(project.store(), dataset, 0.3, 0, 1);
        TrainSettings settings = TrainSettings.defaults().withEpochs(2).withBatchSize(8);
        TrainRequest request = new TrainRequest(dataset, "coco", List.of("person"), "yolox_nano",
                SharedData.root().resolve("models"), project.folder().resolve("models"), "yolox_nano-20261127-2210",
                settings, false);
        // stopped after its first epoch (one batch each), as a crash would stop it
        assertThrows(JobCancelledException.class, () -> new TrainJob(project.store(), request, e -> { })
                .run(Contexts.stopAfterReports(1)));

        Window window = openRetrainWindow(robot);
        Label stopped = robot.from(window.getScene().getRoot()).lookup("#stoppedRun").queryAs(Label.class);
        assertEquals("Run yolox_nano-20261127-2210 stopped after epoch 1 of 2 (yolox_nano on coco).", stopped.getText());
        Screenshots.save(window.getScene(), "retrain-resume");
        robot.clickOn("#resumeButton");
        Label result = awaitResult(robot, window);
        LinePlot chart = robot.from(window.getScene().getRoot()).lookup("#trainingChart").queryAs(LinePlot.class);
        assertEquals(2, chart.series().get(0).points().size(), "the checkpointed epoch and the one run now");
        assertTrue(result.getText().contains("Model yolox_nano-20261127-2210 (person) written to"), result.getText());
        assertTrue(Files.isRegularFile(project.folder().resolve("models/yolox_nano-20261127-2210.onnx")));
        assertEquals(List.of(), UnfinishedRuns.in(project.folder().resolve("models")), "finished, no longer offered");

        // a run cancelled in the window says so and is offered right away
        robot.clickOn("#retrainButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> chart.series().get(0).points().size() == 1);
        robot.interact(() -> vm.jobs().rows().get(0).handle().cancel());
        Label status = robot.from(window.getScene().getRoot()).lookup("#retrainStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText().startsWith("Stopped."));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> stopped.getText().contains("stopped after epoch 1 of 2")
                && !stopped.getText().contains("2210"));
        assertTrue(stopped.getParent().isVisible() && !robot.lookup("#resumeButton").queryButton().isDisabled());
        Screenshots.save(window.getScene(), "retrain-stopped");
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneClickRetrainShowsEpochsAndTheHeldOutComparison(FxRobot robot) throws Exception {
        openEight(robot);
        Window window = openRetrainWindow(robot);
        Spinner<Integer> epochs = robot.from(window.getScene().getRoot()).lookup(".spinner").nth(0).queryAs(Spinner.class);
        robot.interact(() -> epochs.getValueFactory().setValue(2));
        robot.clickOn(robot.from(window.getScene().getRoot()).lookup("#retrainButton").queryButton());
        Label result = awaitResult(robot, window);
        LinePlot chart = robot.from(window.getScene().getRoot()).lookup("#trainingChart").queryAs(LinePlot.class);
        assertEquals(2, chart.series().get(0).points().size(), "one loss point per epoch");
        assertTrue(result.getText().matches("(?s)AP50 on \\d+ held-out images \\(every image, as pycocotools counts\\), pretrained → retrained:\n"
                + ".*  person: [\\d.]+% → [\\d.]+%\n.*"), result.getText());
        assertTrue(Files.isDirectory(vm.projectProperty().get().folder().resolve("models")));
        Screenshots.save(window.getScene(), "retrain");

        // the comparison ran the models on the held-out images only
        var store = vm.projectProperty().get().store();
        var sides = store.split(1);
        var retrainedRuns = store.tasks().stream().filter(t -> t.isEvaluationCache() && !t.name().contains("yolox_nano#"))
                .toList();
        assertEquals(1, retrainedRuns.size(), store.tasks().toString());
        for (var image : store.images(store.imageIds(dev.loupe.core.ImageFilter.all(1)))) {
            boolean scored = store.boxes(image.id()).stream().anyMatch(b -> b.taskId() == retrainedRuns.get(0).id());
            assertTrue(!scored || sides.get(image.id()) == dev.loupe.core.Split.TEST,
                    "the retrained model ran on training image " + image.relativePath());
        }

        // the comparison stored every prediction down to score 0.001; the gallery preview shows none of them
        var second = store.images(store.imageIds(dev.loupe.core.ImageFilter.all(1))).stream()
                .filter(im -> sides.get(im.id()) == dev.loupe.core.Split.TEST).findFirst().orElseThrow();
        assertTrue(store.boxes(second.id()).stream().anyMatch(b -> b.hasScore() && b.score() < 0.3));
        robot.interact(() -> vm.gallery().selectedItemProperty().set(second));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.selectedBoxes().isEmpty());
        for (var box : vm.selectedBoxes()) {
            String[] words = box.caption().split(" ");
            String last = words[words.length - 1];
            assertTrue(!last.matches("\\d\\.\\d+") || Double.parseDouble(last) >= 0.3, box.caption());
        }
    }

    @Test
    void aNewClassIsOneClickFromLabelsToADetectorThatPreannotatesTheRest(FxRobot robot) throws Exception {
        Path raccoon = SharedData.root().resolve("data/raccoon");
        Path folder = Files.createDirectories(tmp.resolve("raccoons"));
        Path labels = Files.createDirectories(tmp.resolve("labels"));
        for (int i = 1; i <= 10; i++) {
            Files.copy(raccoon.resolve("images/raccoon-" + i + ".jpg"), folder.resolve("raccoon-" + i + ".jpg"));
            if (i <= 8) { // two photos stay unlabelled: the new model pre-annotates them
                Files.copy(raccoon.resolve("annotations/raccoon-" + i + ".xml"), labels.resolve("raccoon-" + i + ".xml"));
            }
        }
        openAndImport(robot, "p", folder, 10);
        var project = vm.projectProperty().get();
        String dataset = vm.selectedDatasetProperty().get().dataset().name();
        new dev.loupe.formats.ImportAnnotationsJob(project.store(), new dev.loupe.formats.AnnotationImportRequest(
                dataset, dev.loupe.formats.AnnotationFormats.byName("voc"), List.of(labels),
                dev.loupe.formats.ReadOptions.defaults(), "gt", "", false, false,
                dev.loupe.formats.UnknownLabels.ADD, "test")).run(dev.loupe.jobs.JobContext.silent());
        Window window = openRetrainWindow(robot);
        var root = window.getScene().getRoot();
        javafx.scene.layout.FlowPane classes = robot.from(root).lookup("#trainClasses")
                .queryAs(javafx.scene.layout.FlowPane.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !classes.getChildren().isEmpty());
        var offered = (javafx.scene.control.CheckBox) classes.getChildren().get(0);
        assertEquals("raccoon (8 boxes, new)", offered.getText());
        assertTrue(offered.isSelected(), "the task's labels are the classes unless unchecked");
        @SuppressWarnings("unchecked")
        Spinner<Integer> epochs = robot.from(root).lookup(".spinner").nth(0).queryAs(Spinner.class);
        assertEquals(0, epochs.getValue(), "epochs follow from the image count unless set");
        robot.interact(() -> epochs.getValueFactory().setValue(3));
        robot.clickOn(robot.from(root).lookup("#retrainButton").queryButton());
        Label result = awaitResult(robot, window);
        assertTrue(result.getText().contains("raccoon: not detectable (new class) → "), result.getText());
        Button next = robot.from(root).lookup("#preannotateUnlabelled").queryButton();
        assertTrue(next.isVisible() && next.getText().startsWith("Pre-annotate the 2 images without boxes"),
                next.getText());
        Screenshots.save(window.getScene(), "retrain-new-class");
        robot.clickOn(next);
        Label done = (Label) ((javafx.scene.layout.HBox) next.getParent()).getChildren().get(1);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> done.getText().startsWith("Pre-annotated"));
        assertTrue(done.getText().startsWith("Pre-annotated 2 images into task"), done.getText());
        String modelTask = project.store().tasks().stream().map(t -> t.name())
                .filter(n -> n.startsWith("yolox_nano-")).findFirst().orElseThrow();
        var store = project.store();
        long taskId = store.tasks().stream().filter(t -> t.name().equals(modelTask)).findFirst().orElseThrow().id();
        for (var image : store.images(store.imageIds(dev.loupe.core.ImageFilter.all(1)))) {
            boolean labelled = !List.of("raccoon-9.jpg", "raccoon-10.jpg").contains(image.fileName());
            boolean predicted = store.boxes(image.id()).stream().anyMatch(b -> b.taskId() == taskId);
            assertTrue(!(labelled && predicted), "only the unlabelled images are pre-annotated: " + image.fileName());
        }
    }
}
