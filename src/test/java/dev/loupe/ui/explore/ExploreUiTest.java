package dev.loupe.ui.explore;

import dev.loupe.ui.plot.PlotCanvas;
import dev.loupe.ui.plot.ScatterPlot;
import dev.loupe.ui.plot.HistogramPlot;
import dev.loupe.core.ImageMetrics;
import dev.loupe.testing.Screenshots;
import dev.loupe.testing.SharedData;
import dev.loupe.ui.app.MainWindowUiTest;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Selecting the low-entropy tail in the entropy scatter filters the gallery to those images. */
class ExploreUiTest extends MainWindowUiTest {

    @Start
    void start(Stage stage) {
        mount(stage);
    }

    @Test
    void selectingTheLowEntropyTailFiltersTheGallery(FxRobot robot) throws Exception {
        Path tiny = SharedData.cocoDev().resolve("tiny50-train");
        assertTrue(openWithCocoBoxes(robot, tiny, 50).startsWith("Stored 470 boxes"));

        java.nio.file.Path layer = java.nio.file.Files.createTempFile("lux", ".csv");
        java.nio.file.Files.writeString(layer, "image,lux\n000000005802.jpg,1200\n000000012448.jpg,80\n");
        robot.interact(() -> vm.importMetadata(layer));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.messageProperty().get().startsWith("Stored 2 values of lux"));

        robot.clickOn("#exploreButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.listTargetWindows().stream()
                .anyMatch(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Explore")));
        Window window = robot.listTargetWindows().stream()
                .filter(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Explore")).findFirst()
                .orElseThrow();
        ScatterPlot scatter = robot.from(window.getScene().getRoot()).lookup("#scatter").queryAs(ScatterPlot.class);
        assertTrue(robot.from(window.getScene().getRoot()).lookup("#xAxis").queryAs(javafx.scene.control.ComboBox.class)
                .getItems().contains("metadata: lux"), "the layer added in the GUI plots like a metric");
        HistogramPlot histogram = robot.from(window.getScene().getRoot()).lookup("#histogram").queryAs(HistogramPlot.class);
        assertEquals(99, Arrays.stream(histogram.counts()).sum(), "tiny50's person boxes, crowd regions included");

        List<ImageMetrics> metrics = vm.projectProperty().get().store().imageMetrics(1);
        double[] entropies = metrics.stream().mapToDouble(ImageMetrics::grayEntropy).sorted().toArray();
        double cut = (entropies[4] + entropies[5]) / 2; // the five lowest-entropy images
        robot.interact(() -> ((Stage) window).toFront());
        // from the bottom-left corner of the plot area to the right edge at the cut
        Point2D from = scatter.localToScreen(PlotCanvas.MARGIN + 2, scatter.getHeight() - PlotCanvas.MARGIN - 2);
        Point2D to = scatter.localToScreen(scatter.getWidth() - 12, scatter.screenY(cut));
        robot.moveTo(from).press(MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(window.getScene(), "explore");

        robot.clickOn("#showSelection");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.gallery().countProperty().get() == 5);
        long[] shown = vm.gallery().idsProperty().get();
        for (long id : shown) {
            double e = metrics.stream().filter(m -> m.imageId() == id).findFirst().orElseThrow().grayEntropy();
            assertTrue(e < cut, "image " + id + " entropy " + e);
        }

        // boxes coloured by label; a shift-drag lasso around the smallest boxes selects their images
        robot.interact(() -> {
            ((Stage) window).toFront();
            robot.from(window.getScene().getRoot()).lookup("#points").queryAs(javafx.scene.control.ComboBox.class)
                    .getSelectionModel().select(dev.loupe.metrics.PointTable.Kind.BOXES);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Point2D a = scatter.localToScreen(PlotCanvas.MARGIN + 2, 12);
        Point2D b = scatter.localToScreen(scatter.screenX(0.01), 12);
        Point2D c = scatter.localToScreen(scatter.screenX(0.01), scatter.getHeight() - PlotCanvas.MARGIN - 2);
        Point2D d = scatter.localToScreen(PlotCanvas.MARGIN + 2, scatter.getHeight() - PlotCanvas.MARGIN - 2);
        robot.press(javafx.scene.input.KeyCode.SHIFT).moveTo(a).press(MouseButton.PRIMARY).moveTo(b).moveTo(c).moveTo(d)
                .release(MouseButton.PRIMARY).release(javafx.scene.input.KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(window.getScene(), "explore-boxes-lasso");
        long[] small = vm.projectProperty().get().store().boxMetrics(1).stream()
                .filter(m -> m.relativeArea() < 0.01).mapToLong(dev.loupe.core.BoxMetrics::imageId).distinct().sorted()
                .toArray();
        assertTrue(small.length > 0);
        robot.clickOn("#showSelection");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Arrays.equals(vm.gallery().idsProperty().get(), small));

        // a click on a point opens its image for review
        int first = 0;
        Point2D point = scatter.localToScreen(scatter.screenX(scatter.x(first)), scatter.screenY(scatter.y(first)));
        robot.moveTo(point);
        javafx.scene.Node card = robot.from(scatter).lookup(".plot-card").query();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, card::isVisible);
        javafx.scene.image.ImageView thumb = robot.from(card).lookup(".image-view").queryAs(javafx.scene.image.ImageView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> thumb.getImage() != null && thumb.getImage().getProgress() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(window.getScene(), "explore-hover");
        robot.clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.listTargetWindows().stream()
                .anyMatch(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Review")));
    }
}
