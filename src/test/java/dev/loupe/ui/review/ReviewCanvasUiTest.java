package dev.loupe.ui.review;

import dev.loupe.core.Box;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.testing.Screenshots;
import dev.loupe.testing.SharedData;
import dev.loupe.ui.app.LoupeApplication;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The review canvas driven like a mouse and keyboard would, on a real project file that is reopened at the end. */
@ExtendWith(ApplicationExtension.class)
class ReviewCanvasUiTest {
    @TempDir
    static Path tmp;

    private Project project;
    private ReviewViewModel vm;
    private ReviewView view;
    private long[] ids;
    private Path projectDir;

    @Start
    void start(Stage stage) throws Exception {
        projectDir = Files.createTempDirectory(tmp, "review");
        project = Project.create(projectDir.resolve("p"));
        new ImportImagesJob(project.store(), "d", ImportSources.fromArguments(List.of(
                SharedData.photos().resolve("bus.jpg").toString(), SharedData.photos().resolve("dog.jpg").toString())),
                new UrlFetcher(project.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
        ids = project.store().imageIds(ImageFilter.all(1));
        long task = project.store().task("predictions", "").id();
        long person = project.store().label("person").id();
        project.store().label("bus");
        project.store().addBoxes(List.of(
                new NewBox(ids[0], task, person, 50, 400, 200, 500, Source.MODEL, 0.91, ReviewStatus.PENDING, "model"),
                new NewBox(ids[0], task, person, 600, 400, 150, 450, Source.MODEL, 0.42, ReviewStatus.PENDING, "model")));
        vm = new ReviewViewModel(project.store(), ids, 0, "reviewer");
        view = new ReviewView(vm);
        stage.setScene(LoupeApplication.createScene(view));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(vm::close).get(5, TimeUnit.SECONDS);
        project.close();
    }

    private Point2D at(FxRobot robot, double imageX, double imageY) {
        ReviewCanvas c = view.canvas();
        return c.localToScreen(c.screenX(imageX), c.screenY(imageY));
    }

    private void drag(FxRobot robot, double x1, double y1, double x2, double y2) {
        robot.moveTo(at(robot, x1, y1)).press(MouseButton.PRIMARY).moveTo(at(robot, (x1 + x2) / 2, (y1 + y2) / 2))
                .moveTo(at(robot, x2, y2)).release(MouseButton.PRIMARY);
    }

    private List<Box> stored() {
        return project.store().boxes(ids[0]);
    }

    private Box storedBox(long id) {
        return stored().stream().filter(b -> b.id() == id).findFirst().orElseThrow();
    }

    @Test
    void drawMoveResizeRelabelDeleteUndoRedoAcceptRejectAndEverythingPersists(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.imageProperty().get() != null);
        robot.clickOn("#reviewCanvas");

        // draw: N, then drag (bus.jpg is 810 x 1080)
        robot.type(KeyCode.N);
        drag(robot, 300, 100, 500, 300);
        WaitForAsyncUtils.waitForFxEvents();
        Box drawn = stored().stream().filter(b -> b.source() == Source.HUMAN).findFirst().orElseThrow();
        assertEquals(300, drawn.x(), 4);
        assertEquals(200, drawn.w(), 6);
        assertEquals(ReviewStatus.ACCEPTED, drawn.status());

        // move it by dragging its middle
        drag(robot, 400, 200, 450, 230);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(350, storedBox(drawn.id()).x(), 4);
        assertEquals(130, storedBox(drawn.id()).y(), 4);

        // resize by its south-east handle
        Box moved = storedBox(drawn.id());
        drag(robot, moved.x() + moved.w(), moved.y() + moved.h(), moved.x() + moved.w() + 60, moved.y() + moved.h() + 40);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(moved.w() + 60, storedBox(drawn.id()).w(), 6);
        assertEquals(moved.x(), storedBox(drawn.id()).x(), 1e-6, "the opposite corner stays");

        // relabel with a number key: 2 = the second label (bus)
        robot.type(KeyCode.DIGIT2);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("bus", vm.labelName(storedBox(drawn.id()).labelId()));

        // delete, undo, redo
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, stored().size());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, stored().size());
        assertEquals("bus", vm.labelName(storedBox(drawn.id()).labelId()), "undo restores the box as it was");
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, stored().size());

        // accept the confident prediction, reject the weak one
        robot.clickOn(at(robot, 150, 650));
        robot.type(KeyCode.A);
        robot.clickOn(at(robot, 675, 650));
        robot.type(KeyCode.R);
        WaitForAsyncUtils.waitForFxEvents();
        Box strong = stored().stream().filter(b -> b.score() > 0.9).findFirst().orElseThrow();
        Box weak = stored().stream().filter(b -> b.hasScore() && b.score() < 0.5).findFirst().orElseThrow();
        assertEquals(ReviewStatus.ACCEPTED, strong.status());
        assertEquals(Source.MODEL, strong.source(), "accepting keeps the prediction as it is");
        assertEquals(ReviewStatus.REJECTED, weak.status());
        assertEquals("reviewer", weak.author());

        // the shortcuts overlay
        robot.type(KeyCode.F1);
        assertTrue(robot.lookup("#reviewHelp").query().isVisible());
        Screenshots.save(view.getScene(), "review-canvas");
        robot.type(KeyCode.ESCAPE);
        robot.clickOn(at(robot, 150, 650));
        Screenshots.save(view.getScene(), "review-canvas-boxes");

        // next image and back
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, vm.session().index());
        assertTrue(project.store().isImageDone(ids[0], vm.session().taskId()));

        // everything is on disk: a new project handle sees it
        try (Project reopened = Project.open(projectDir.resolve("p"))) {
            List<Box> boxes = reopened.store().boxes(ids[0]);
            assertEquals(2, boxes.size());
            assertTrue(boxes.stream().anyMatch(b -> b.status() == ReviewStatus.REJECTED));
            assertTrue(boxes.stream().anyMatch(b -> b.status() == ReviewStatus.ACCEPTED && b.source() == Source.MODEL));
        }
    }

    @Test
    void commentsAndAStageFlowPersist(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.imageProperty().get() != null);
        // a comment on the selected box, then one on the image
        robot.clickOn(at(robot, 150, 650));
        robot.clickOn("#commentField").write("box is too tall").type(KeyCode.ENTER);
        robot.interact(() -> vm.select(-1));
        robot.clickOn("#commentField").write("blurry photo").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        var comments = project.store().comments(ids[0]);
        assertEquals(2, comments.size());
        assertTrue(comments.get(0).boxId() != null && comments.get(0).text().equals("box is too tall"));
        assertEquals(null, comments.get(1).boxId());

        // a stage over every image of the task (only bus.jpg has boxes), sent back with a comment
        robot.interact(() -> vm.createStage("first pass", 100, 42));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("first pass", vm.stageProperty().get().name());
        robot.clickOn("#verdictComment").write("redo the left person");
        robot.clickOn("#sendBackImage");
        WaitForAsyncUtils.waitForFxEvents();
        var stageImages = project.store().stageImages(vm.stageProperty().get().id());
        assertEquals(1, stageImages.size());
        assertEquals(ReviewStatus.REJECTED, stageImages.get(0).verdict());
        assertEquals("reviewer", stageImages.get(0).reviewer());
        assertTrue(project.store().comments(ids[0]).stream().anyMatch(c -> c.text().equals("[first pass] redo the left person")));
        Screenshots.save(view.getScene(), "review-stage");
    }

    @Test
    void aReviewerFixesBoxesWithTheKeyboardAloneAndCopiesThemToTheNextImage(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.imageProperty().get() != null);
        robot.clickOn("#reviewCanvas");
        robot.type(KeyCode.TAB); // the first box
        long id = vm.selectedProperty().get();
        Box before = storedBox(id);
        robot.type(KeyCode.RIGHT, 3);
        robot.press(KeyCode.SHIFT).type(KeyCode.DOWN).release(KeyCode.SHIFT);
        robot.press(KeyCode.ALT).type(KeyCode.RIGHT).release(KeyCode.ALT);
        robot.type(KeyCode.A);
        WaitForAsyncUtils.waitForFxEvents();
        Box after = storedBox(id);
        assertEquals(before.x() + 3, after.x(), 1e-9);
        assertEquals(before.y() + 10, after.y(), 1e-9);
        assertEquals(before.w() + 1, after.w(), 1e-9);
        assertEquals(ReviewStatus.ACCEPTED, after.status());

        // a locked box does not move
        robot.type(KeyCode.K);
        robot.type(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(after.x(), storedBox(id).x(), 1e-9);

        // the score filter hides weak predictions from view (and from picking)
        robot.interact(() -> vm.minScoreProperty().set(0.5));
        assertEquals(1, vm.boxes().size());
        robot.interact(() -> vm.minScoreProperty().set(0));
        assertEquals(2, vm.boxes().size());
        robot.interact(() -> vm.statusFilterProperty().set(ReviewStatus.PENDING));
        assertEquals(1, vm.boxes().size(), "the accepted box is filtered out");
        robot.interact(() -> vm.statusFilterProperty().set(null));

        // copy the selected box, paste it on the next image
        robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        robot.type(KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, vm.session().index());
        robot.press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        List<Box> pasted = project.store().boxes(ids[1]);
        assertEquals(1, pasted.size());
        assertEquals(Source.HUMAN, pasted.get(0).source());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, project.store().boxes(ids[1]).size(), "pasting is one undoable edit");
    }
}
