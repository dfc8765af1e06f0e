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

        var store = vm.projectProperty().get().store();
        var people = store.task("people", "");
        long ds = store.requireDataset(dataset).id();
        var clip = store.videos(ds).get(0);
        // someone walking from the left on frame 0 to the right on frame 1000, gone on 1200
        dev.loupe.video.ClipTracks.store(store, clip, people, List.of(new dev.loupe.core.Track(1, "person", List.of(
                dev.loupe.core.KeyBox.at(0, 40, 100, 120, 280), dev.loupe.core.KeyBox.at(1000, 600, 100, 120, 280),
                dev.loupe.core.KeyBox.gone(1200)))), dev.loupe.video.ClipTracks.frames(store, ds).get(clip.id()),
                dev.loupe.core.Source.MODEL, "test");
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
        // dragged: key frames stand in on the way, and the exact frame comes once it is let go
        robot.interact(() -> {
            timeline.setValueChanging(true);
            timeline.setValue(70);
            timeline.setValue(80);
            timeline.setValueChanging(false);
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> frame.getText().equals("frame 800 · 81 / 140"));
        robot.interact(() -> timeline.setValue(50));
        Thread.sleep(800); // the frame decodes in the background
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(review.getScene(), "review-clip-timeline"); // the track's box dashed: interpolated here

        // moving the interpolated box makes frame 500 a key frame; the track's boxes around follow
        Label status = robot.from(root).lookup("#reviewStatus").queryAs(Label.class);
        robot.type(KeyCode.TAB).type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> status.getText().startsWith("Frame 500 is a key frame"));
        assertTrue(status.getText().contains("98 boxes of the track on other frames follow"), // frames 10..490, 510..990
                status.getText());
        robot.type(KeyCode.CLOSE_BRACKET); // the track's next key frame
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> frame.getText().startsWith("frame 1,000 ·"));
        robot.type(KeyCode.OPEN_BRACKET).type(KeyCode.OPEN_BRACKET);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> frame.getText().startsWith("frame 0 ·"));

        // split the track on frame 600, then join the two parts again
        robot.interact(() -> timeline.setValue(60));
        robot.type(KeyCode.TAB).type(KeyCode.X);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> status.getText().startsWith("Track split on frame 600"));
        robot.interact(() -> timeline.setValue(59));
        robot.type(KeyCode.TAB);
        robot.interact(() -> timeline.setValue(61));
        robot.type(KeyCode.TAB).type(KeyCode.J);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> status.getText().startsWith("Tracks 1 and 2 joined"));
        assertEquals(1, vm.projectProperty().get().store().tracks(clip.id(), people.id()).size());
        robot.interact(() -> ((Stage) review).close());
    }
}
