package dev.loupe.ui.app;

import dev.loupe.jobs.JobContext;
import dev.loupe.testing.Screenshots;
import dev.loupe.testing.SharedData;
import dev.loupe.video.FrameSampling;
import dev.loupe.video.ImportVideoJob;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A clip in the gallery is one tile; opened, the review window walks its frames on a timeline. */
class ClipUiTest extends MainWindowUiTest {

    @Start
    void start(Stage stage) {
        mount(stage);
    }

    @Test
    void aClipIsOneTileThatOpensOnATimelineOfItsFrames(FxRobot robot) throws Exception {
        openAndImport(robot, "p", photos(), 6);
        String dataset = vm.selectedDatasetProperty().get().dataset().name();
        new ImportVideoJob(vm.projectProperty().get().store(), dataset, List.of(SharedData.root().resolve(
                "data/video/one-by-one-person-detection.mp4")), new FrameSampling(10, 0)).run(JobContext.silent());
        robot.interact(() -> vm.refreshDatasets(dataset));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.gallery().countProperty().get() == 7);
        String caption = "▶ 2:19 · 1,394 frames · one-by-one-person-detection.mp4";
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup((javafx.scene.Node n) ->
                n instanceof javafx.scene.control.Labeled l && caption.equals(l.getText())).tryQuery().isPresent());
        assertTrue(vm.statusProperty().get().contains("7 of 146 images"), vm.statusProperty().get());
        Screenshots.save(robot.window(w -> w instanceof Stage s && s.isShowing()).getScene(), "gallery-clip");

        vm.projectProperty().get().store().task("people", ""); // something to draw in: the window opens on a task
        robot.interact(() -> vm.gallery().open(6));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.listTargetWindows().stream()
                .anyMatch(w -> w instanceof Stage s && s.isShowing() && s.getTitle() != null
                        && s.getTitle().equals("Review — one-by-one-person-detection.mp4")));
        Window review = robot.window("Review — one-by-one-person-detection.mp4");
        var root = review.getScene().getRoot();
        Label frame = robot.from(root).lookup("#frameLabel").queryAs(Label.class);
        assertTrue(robot.from(root).lookup("#clipTimeline").query().isVisible());
        assertEquals("frame 0 · 1 / 140", frame.getText());

        robot.type(KeyCode.PERIOD);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> frame.getText().startsWith("frame 10 ·"));
        Slider timeline = robot.from(root).lookup("#timeline").queryAs(Slider.class);
        robot.interact(() -> timeline.setValue(50));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> frame.getText().equals("frame 500 · 51 / 140"));
        robot.type(KeyCode.P);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> timeline.getValue() >= 53);
        robot.type(KeyCode.P);
        Thread.sleep(800); // the frame decodes in the background
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(review.getScene(), "review-clip-timeline");
        robot.interact(() -> ((Stage) review).close());
    }
}
