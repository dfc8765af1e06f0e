package dev.loupe.ui.review;

import dev.loupe.core.Box;
import dev.loupe.core.NewBox;
import dev.loupe.core.NewImage;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.store.SqlProjectStore;
import dev.loupe.testing.AnnotatorDesktop;
import dev.loupe.testing.PostgresServer;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two people on one team project, also as two processes: the annotator's edit appears in the reviewer's open review
 * window.
 */
@ExtendWith(ApplicationExtension.class)
class TeamReviewUiTest {
    private PostgresServer server;
    private ReviewViewModel vm;

    @Start
    void start(Stage stage) {
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        if (vm != null) {
            WaitForAsyncUtils.asyncFx(vm::close).get(10, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    /** A team project with an annotator, a reviewer and one image holding one pending box. */
    private record Team(String annotator, String reviewer, long image, long task) {
    }

    private Team oneBoxOnAFreshServer() throws Exception {
        server = PostgresServer.freshDatabase();
        String admin = server.login("loupe_admin");
        server.grantSchema(admin);
        try (SqlProjectStore setup = SqlProjectStore.onServer(server.jdbcUrl(), admin, admin)) {
            setup.keepImagesOnServer(false); // the image is named, not shown: the tests are about live edits
            long ds = setup.createDataset("dev").id();
            long image = setup.addImages(ds, List.of(new NewImage("/data/a.jpg", null, "a.jpg", 640, 480, 1,
                    "a".repeat(64), 1)))[0];
            long task = setup.task("gt", "").id();
            setup.addBoxes(List.of(new NewBox(image, task, setup.label("person").id(), 10, 10, 50, 80, Source.HUMAN,
                    Double.NaN, ReviewStatus.PENDING, "")));
            return new Team(server.login("loupe_annotator"), server.login("loupe_reviewer"), image, task);
        }
    }

    @Test
    void anAnnotatorsEditAppearsInTheReviewersOpenWindow(FxRobot robot) throws Exception {
        Team team = oneBoxOnAFreshServer();
        String annotator = team.annotator();
        String reviewer = team.reviewer();
        long image = team.image();
        try (SqlProjectStore reviewers = SqlProjectStore.onServer(server.jdbcUrl(), reviewer, reviewer);
             SqlProjectStore annotators = SqlProjectStore.onServer(server.jdbcUrl(), annotator, annotator)) {
            robot.interact(() -> vm = new ReviewViewModel(reviewers, new long[]{image}, 0, reviewer));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.boxes().size() == 1);

            Box box = annotators.boxes(image).get(0);
            annotators.updateBox(box.with(200, 100, 50, 80, box.labelId(), Source.HUMAN, box.status(), annotator));
            WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> vm.boxes().size() == 1 && vm.boxes().get(0).x() == 200);
            assertTrue(vm.boxes().get(0).author().equals(annotator), "drawn by the annotator, as the server recorded");

            // the annotator's own review session moves the pending box and leaves its verdict to the reviewer
            assertFalse(annotators.mayJudgeBoxes());
            assertTrue(reviewers.mayJudgeBoxes());
            dev.loupe.review.ReviewSession session = new dev.loupe.review.ReviewSession(annotators, new long[]{image}, 0,
                    box.taskId(), annotator);
            session.reshape(box.id(), new dev.loupe.review.Rect(300, 100, 50, 80));
            Box moved = annotators.boxes(image).get(0);
            assertEquals(300, moved.x());
            assertEquals(ReviewStatus.PENDING, moved.status(), "still the reviewer's to judge");
            WaitForAsyncUtils.asyncFx(vm::close).get(10, TimeUnit.SECONDS); // before its store closes
            vm = null;
        }
    }

    @Test
    void anEditInTheAnnotatorsOwnProcessAppearsInTheReviewersWindowWithinASecond(FxRobot robot) throws Exception {
        Team team = oneBoxOnAFreshServer();
        try (SqlProjectStore reviewers = SqlProjectStore.onServer(server.jdbcUrl(), team.reviewer(), team.reviewer());
             AnnotatorDesktop other = AnnotatorDesktop.start(server.jdbcUrl(), team.annotator(), team.image(),
                     team.task())) {
            robot.interact(() -> vm = new ReviewViewModel(reviewers, new long[]{team.image()}, 0, team.reviewer()));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.boxes().size() == 1);
            for (double x : new double[]{120, 240, 360}) {
                other.moveTo(x);
                long stored = System.nanoTime();
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> vm.boxes().get(0).x() == x);
                long shownAfterMs = (System.nanoTime() - stored) / 1_000_000;
                assertTrue(shownAfterMs < 1000, "the reviewer saw the move " + shownAfterMs + " ms after it was stored");
            }
            assertEquals(team.annotator(), vm.boxes().get(0).author(), "moved by the annotator, as the server recorded");
            WaitForAsyncUtils.asyncFx(vm::close).get(10, TimeUnit.SECONDS); // before its store closes
            vm = null;
        }
    }
}
