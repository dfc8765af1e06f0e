package dev.loupe.ui.app;

import dev.loupe.core.Box;
import dev.loupe.core.BoxQuery;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.store.ProjectStore;
import dev.loupe.testing.Screenshots;
import dev.loupe.testing.SharedData;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Consensus from the main window: the form, the agreement view with each annotator's boxes, the merged truth's review. */
class ConsensusUiTest extends MainWindowUiTest {

    @Start
    void start(Stage stage) {
        mount(stage);
    }

    /** Two people's takes on the COCO boxes: one leaves out every fifth box, the other shifts every fourth. */
    private static void twoAnnotators(ProjectStore store) {
        List<Box> coco = store.boxPage(new BoxQuery(null, store.task("coco", "").id(), null, null, null, null, null), 0,
                100_000).stream().filter(b -> !b.crowd()).toList();
        long alice = store.task("alice", "").id();
        long bob = store.task("bob", "").id();
        Random random = new Random(5);
        List<NewBox> boxes = new ArrayList<>();
        for (int i = 0; i < coco.size(); i++) {
            Box b = coco.get(i);
            if (i % 5 != 0) {
                boxes.add(new NewBox(b.imageId(), alice, b.labelId(), b.x(), b.y(), b.w(), b.h(), Source.HUMAN,
                        Double.NaN, ReviewStatus.PENDING, "alice"));
            }
            double shift = i % 4 == 0 ? b.w() * (0.6 + random.nextDouble() * 0.3) : 0;
            boxes.add(new NewBox(b.imageId(), bob, b.labelId(), b.x() + shift, b.y(), b.w(), b.h(), Source.HUMAN,
                    Double.NaN, ReviewStatus.PENDING, "bob"));
        }
        store.addBoxes(boxes);
    }

    @Test
    void peopleDrawingInOneTaskAreOfferedFromItsAssignees(FxRobot robot) throws Exception {
        Path tiny = SharedData.cocoDev().resolve("tiny50-train");
        assertTrue(openWithCocoBoxes(robot, tiny.resolve("images"), 50).startsWith("Stored"));
        ProjectStore store = vm.projectProperty().get().store();
        long[] ids = store.imageIds(dev.loupe.core.ImageFilter.all(vm.selectedDatasetProperty().get().dataset().id()));
        new dev.loupe.review.WorkQueues(store).shareOut(store.task("coco", "").id(), 0, ids, List.of("ben", "ann"),
                false, new dev.loupe.review.Overlap(2, 10, 1));

        robot.clickOn("#annotationsMenu").clickOn("Consensus of annotators…");
        Window dialog = robot.window("Consensus of annotators");
        var root = dialog.getScene().getRoot();
        @SuppressWarnings("unchecked")
        ComboBox<String> mode = robot.from(root).lookup("#consensusMode").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<String> task = robot.from(root).lookup("#consensusTask").queryAs(ComboBox.class);
        robot.interact(() -> {
            mode.setValue("people drawing in one task");
            task.setValue("coco");
        });
        assertEquals("ann, ben", robot.from(root).lookup("#consensusPeople").queryAs(javafx.scene.control.TextField.class)
                .getText(), "the task's assignees, offered");
        Screenshots.save(dialog.getScene(), "consensus-form-people");
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.listTargetWindows().stream()
                .anyMatch(w -> w instanceof Stage s && s.isShowing() && "Agreement: ann, ben".equals(s.getTitle())));
        Window view = robot.window("Agreement: ann, ben");
        TableView<?> people = robot.from(view.getScene().getRoot()).lookup("#agreementAnnotators").queryAs(TableView.class);
        assertEquals(2, people.getItems().size());
        robot.interact(() -> ((Stage) view).close());
    }

    @Test
    void agreementViewShowsEachAnnotatorsBoxesAndOpensTheMergedTruthForReview(FxRobot robot) throws Exception {
        Path tiny = SharedData.cocoDev().resolve("tiny50-train");
        assertTrue(openWithCocoBoxes(robot, tiny.resolve("images"), 50).startsWith("Stored"));
        twoAnnotators(vm.projectProperty().get().store());
        robot.interact(() -> vm.refreshDatasets(null));

        robot.clickOn("#annotationsMenu").clickOn("Consensus of annotators…");
        Window dialog = robot.window("Consensus of annotators");
        @SuppressWarnings("unchecked")
        ListView<String> annotators = robot.from(dialog.getScene().getRoot()).lookup("#consensusAnnotators")
                .queryAs(ListView.class);
        @SuppressWarnings("unchecked")
        ComboBox<String> truth = robot.from(dialog.getScene().getRoot()).lookup("#consensusTruth").queryAs(ComboBox.class);
        robot.interact(() -> {
            annotators.getSelectionModel().select("alice");
            annotators.getSelectionModel().select("bob");
            truth.setValue("coco");
        });
        Screenshots.save(dialog.getScene(), "consensus-form");
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.listTargetWindows().stream()
                .anyMatch(w -> w instanceof Stage s && s.isShowing() && "Agreement: alice, bob".equals(s.getTitle())));
        Window view = robot.window("Agreement: alice, bob");
        var root = view.getScene().getRoot();
        TableView<?> people = robot.from(root).lookup("#agreementAnnotators").queryAs(TableView.class);
        assertEquals(2, people.getItems().size());
        ListView<?> images = robot.from(root).lookup("#agreementImages").queryAs(ListView.class);
        assertTrue(images.getItems().size() > 0 && images.getItems().size() <= 50);
        assertTrue(images.getItems().get(0).toString().startsWith("0."), "least agreement first: " + images.getItems().get(0));
        String summary = robot.from(root).lookup("#agreementSummary").queryAs(Label.class).getText();
        assertTrue(summary.contains("merged boxes in task 'consensus'") && summary.contains("sent to review"), summary);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.from(root).lookup("#agreementSides").tryQuery()
                .isPresent()); // inside a scroll pane: there once it is laid out
        FlowPane sides = robot.from(root).lookup("#agreementSides").queryAs(FlowPane.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> sides.getChildren().size() == 3);
        Screenshots.save(view.getScene(), "agreement-view");

        robot.clickOn("#reviewMerged");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.listTargetWindows().stream()
                .anyMatch(w -> w instanceof Stage s && s.isShowing() && s.getTitle() != null
                        && s.getTitle().startsWith("Review — merged truth consensus")));
        Window review = robot.window(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().startsWith("Review — merged truth consensus"));
        WaitForAsyncUtils.waitForFxEvents();
        Label status = robot.from(review.getScene().getRoot()).lookup("#reviewStatus").queryAs(Label.class);
        assertTrue(status.getText().startsWith("1 / "), status.getText());
        // the least agreeing images may hold no merged box: walk on to one that does, then select it
        for (int i = 0; i < 20 && status.getText().contains(" 0 pending, 0 accepted"); i++) {
            robot.type(javafx.scene.input.KeyCode.F);
            WaitForAsyncUtils.waitForFxEvents();
        }
        robot.type(javafx.scene.input.KeyCode.TAB);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> status.getText().startsWith("Merged from 2 boxes: "));
        assertEquals("Merged from 2 boxes: alice, bob", status.getText(),
                "a merged box says whose boxes it came from");
        robot.interact(() -> ((Stage) review).close());
        robot.interact(() -> ((Stage) view).close());
    }
}
