package dev.loupe.ui.clusters;

import dev.loupe.cluster.ClusterReport;
import dev.loupe.testing.Screenshots;
import dev.loupe.testing.SharedData;
import dev.loupe.ui.app.MainWindowUiTest;
import dev.loupe.ui.plot.ScatterPlot;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clustering the person boxes from the GUI, then rebalancing with one click: every cluster ends at the target. */
class ClusterUiTest extends MainWindowUiTest {

    @Start
    void start(Stage stage) {
        mount(stage);
    }

    @Test
    @SuppressWarnings("unchecked")
    void clusterThenRebalanceFromTheClusterView(FxRobot robot) throws Exception {
        Path tiny = SharedData.cocoDev().resolve("tiny50-train");
        assertTrue(openWithCocoBoxes(robot, tiny, 50).startsWith("Stored 470 boxes"));

        robot.clickOn("#clustersButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window(robot) != null);
        Window window = window(robot);
        robot.interact(() -> ((Stage) window).toFront());
        TableView<ClusterReport.Cluster> table = robot.from(window.getScene().getRoot()).lookup("#clusterTable")
                .queryAs(TableView.class);
        assertTrue(table.getItems().isEmpty(), "a fresh dataset has no clusters yet");
        robot.clickOn(robot.from(window.getScene().getRoot()).lookup("#runClustering").queryButton());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == 4);
        int largest = table.getItems().stream().mapToInt(ClusterReport.Cluster::totalImages).max().orElseThrow();
        ScatterPlot umap = robot.from(window.getScene().getRoot()).lookup("#umap").queryAs(ScatterPlot.class);
        assertTrue(!umap.legend().contains("augmented"), "no copies yet: " + umap.legend());
        Screenshots.save(window.getScene(), "clusters-before");

        Spinner<Integer> target = robot.from(window.getScene().getRoot()).lookup(".spinner").nth(1).queryAs(Spinner.class);
        robot.interact(() -> target.getValueFactory().setValue(largest + 5));
        robot.clickOn(robot.from(window.getScene().getRoot()).lookup("#rebalance").queryButton());
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> table.getItems().size() == 4
                && table.getItems().stream().allMatch(c -> c.totalImages() == largest + 5));
        assertEquals(4 * (largest + 5) - table.getItems().stream().mapToInt(ClusterReport.Cluster::images).sum(),
                table.getItems().stream().mapToInt(ClusterReport.Cluster::augmentedImages).sum());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(umap.legend().contains("augmented"), "copies are marked in the UMAP: " + umap.legend());
        Screenshots.save(window.getScene(), "clusters-after");

        robot.interact(() -> table.getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () ->
                vm.gallery().countProperty().get() == largest + 5);
    }

    private static Window window(FxRobot robot) {
        return robot.listTargetWindows().stream()
                .filter(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Clusters"))
                .findFirst().orElse(null);
    }
}
