package dev.loupe.ui.app;

import dev.loupe.eval.ImageScope;
import dev.loupe.testing.Screenshots;
import dev.loupe.testing.SharedData;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationUiTest extends MainWindowUiTest {

    @Start
    void start(Stage stage) {
        mount(stage);
    }
    @Test
    void evaluatesPredictionsAgainstCocoBoxesAndShowsCurvesAndErrors(FxRobot robot) throws Exception {
        Path tiny = SharedData.cocoDev().resolve("tiny50-train");
        assertTrue(openWithCocoBoxes(robot, tiny, 50).startsWith("Stored 470 boxes"));
        robot.interact(() -> vm.preannotate("yolox_nano", SharedData.root().resolve("models"), "yolox", Set.of("person"), 0.05));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.messageProperty().get().startsWith("yolox_nano: 50 images"));

        Window view = evaluate(robot, ImageScope.EVERY_IMAGE);
        TableView<?> table = robot.from(view.getScene().getRoot()).lookup("#evalTable").queryAs(TableView.class);
        assertEquals(1, table.getItems().size());
        ListView<?> errors = robot.from(view.getScene().getRoot()).lookup("#evalErrors").queryAs(ListView.class);
        assertEquals(50, errors.getItems().size(), "every image counts, as pycocotools counts");
        Label counted = robot.from(view.getScene().getRoot()).lookup("#evalCountedOn").queryAs(Label.class);
        assertTrue(counted.getText().startsWith("Counted on 50 images: every image, as pycocotools counts."),
                counted.getText());
        assertTrue(counted.getText().contains("COCO 'area'"), counted.getText());
        robot.interact(() -> ((Stage) view).close());

        Window reference = evaluate(robot, ImageScope.ONLY_IMAGES_WITH_GT);
        ListView<?> withPeople = robot.from(reference.getScene().getRoot()).lookup("#evalErrors").queryAs(ListView.class);
        assertEquals(26, withPeople.getItems().size(), "tiny50 has 26 images with a person");
        assertTrue(vm.messageProperty().get().contains("AP50"), vm.messageProperty().get());
        Thread.sleep(800); // the chosen image decodes in the background
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(reference.getScene(), "evaluation-view");
    }

    private Window evaluate(FxRobot robot, ImageScope scope) throws Exception {
        robot.clickOn("#annotationsMenu").clickOn("Evaluate…");
        Window dialog = robot.window("Evaluate");
        @SuppressWarnings("unchecked")
        ListView<String> preds = robot.from(dialog.getScene().getRoot()).lookup("#evalPreds").queryAs(ListView.class);
        @SuppressWarnings("unchecked")
        ComboBox<ImageScope> scopes = robot.from(dialog.getScene().getRoot()).lookup("#evalScope").queryAs(ComboBox.class);
        robot.interact(() -> {
            preds.getSelectionModel().select("yolox");
            scopes.setValue(scope);
        });
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.listTargetWindows().stream()
                .anyMatch(w -> w instanceof Stage s && s.isShowing() && s.getTitle() != null
                        && s.getTitle().startsWith("Evaluation")));
        return robot.listTargetWindows().stream()
                .filter(w -> w instanceof Stage s && s.isShowing() && s.getTitle() != null
                        && s.getTitle().startsWith("Evaluation"))
                .findFirst().orElseThrow();
    }
}
