package dev.loupe.ui.app;

import dev.loupe.core.BoxQuery;
import dev.loupe.formats.AnnotationFormat;
import dev.loupe.formats.AnnotationFormats;
import dev.loupe.testing.Screenshots;
import dev.loupe.testing.SharedData;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnotationDialogsUiTest extends MainWindowUiTest {

    @Start
    void start(Stage stage) {
        mount(stage);
    }
    @Test
    void importsCsvBoxesAndExportsThemThroughTheDialogs(FxRobot robot) throws Exception {
        openAndImport(robot, "p", photos(), 6);
        Path csv = Files.writeString(tmp.resolve("boxes.csv"),
                "image,xmin,ymin,xmax,ymax,label\nbus.jpg,10,20,110,220,person\ndog.jpg,5,5,50,50,dog\n");

        robot.clickOn("#annotationsMenu").clickOn("Import annotations…");
        Window dialog = robot.window("Import annotations");
        @SuppressWarnings("unchecked")
        ComboBox<AnnotationFormat> format = robot.from(dialog.getScene().getRoot()).lookup("#importFormat").queryAs(ComboBox.class);
        robot.interact(() -> format.setValue(AnnotationFormats.byName("csv")));
        TextField files = robot.from(dialog.getScene().getRoot()).lookup("#importFiles .text-field").queryAs(TextField.class);
        robot.interact(() -> files.setText(csv.toString()));
        TextField task = robot.from(dialog.getScene().getRoot()).lookup("#importTask").queryAs(TextField.class);
        robot.interact(() -> task.setText("ground truth"));
        Screenshots.save(dialog.getScene(), "import-annotations-dialog");
        robot.clickOn("OK");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.messageProperty().get().startsWith("Stored 2 boxes"));
        var store = vm.projectProperty().get().store();
        assertEquals(2, store.countBoxes(new BoxQuery(null, null, null, null, null, null, null)));
        assertTrue(store.tasks().stream().anyMatch(t -> t.name().equals("ground truth")));

        Path out = tmp.resolve("export");
        robot.clickOn("#annotationsMenu").clickOn("Export…");
        Window exportDialog = robot.window("Export annotations");
        TextField folder = robot.from(exportDialog.getScene().getRoot()).lookup("#exportFolder .text-field").queryAs(TextField.class);
        robot.interact(() -> folder.setText(out.toString()));
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.messageProperty().get().startsWith("Exported 6 images with 2 boxes"));
        assertTrue(Files.isRegularFile(out.resolve("annotations.json")), "COCO is the default format");
        Screenshots.save(robot.listTargetWindows().get(0).getScene(), "after-export");
    }

    @Test
    void preAnnotatesThroughTheDialogAndShowsThePredictionsOnThePreview(FxRobot robot) throws Exception {
        openAndImport(robot, "pre", photos(), 6);

        robot.clickOn("#annotationsMenu").clickOn("Pre-annotate with a model…");
        Window dialog = robot.window("Pre-annotate");
        TextField dir = robot.from(dialog.getScene().getRoot()).lookup("#preModelsDir .text-field").queryAs(TextField.class);
        robot.interact(() -> dir.setText(SharedData.root().resolve("models").toString()));
        TextField classes = robot.from(dialog.getScene().getRoot()).lookup("#preClasses").queryAs(TextField.class);
        robot.interact(() -> classes.setText("person, bus, horse, dog"));
        Screenshots.save(dialog.getScene(), "preannotate-dialog");
        robot.clickOn("OK");

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.messageProperty().get().startsWith("yolox_nano: 6 images"));
        robot.interact(() -> vm.gallery().selectedIndexProperty().set(0)); // bus.jpg
        robot.interact(() -> vm.gallery().selectedIndexProperty().set(1));
        robot.interact(() -> vm.gallery().selectedIndexProperty().set(0));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.selectedBoxes().stream()
                .anyMatch(b -> b.caption().startsWith("bus ")) && vm.selectedBoxes().stream()
                .filter(b -> b.caption().startsWith("person ")).count() >= 3);
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(500); // the preview image loads in the background
        Screenshots.save(robot.listTargetWindows().get(0).getScene(), "predictions-on-preview");
    }
}
