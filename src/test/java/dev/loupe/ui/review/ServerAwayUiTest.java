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
import dev.loupe.review.Rect;
import dev.loupe.store.SqlProjectStore;
import dev.loupe.testing.PrivatePostgres;
import dev.loupe.testing.Screenshots;
import dev.loupe.testing.SharedData;
import dev.loupe.ui.app.LoupeApplication;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The review window says when the team project's server is away, keeps the edits, and says when all is sent. */
@ExtendWith(ApplicationExtension.class)
class ServerAwayUiTest {
    @TempDir
    Path tmp;
    private Stage stage;
    private PrivatePostgres server;
    private SqlProjectStore store;
    private ReviewViewModel vm;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        if (vm != null) {
            WaitForAsyncUtils.asyncFx(vm::close).get(10, TimeUnit.SECONDS);
        }
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theWindowSaysTheServerIsAwayKeepsTheEditAndSendsItWhenItIsBack(FxRobot robot) throws Exception {
        server = PrivatePostgres.start();
        String url = server.adminUrl().substring(0, server.adminUrl().indexOf('?'));
        store = SqlProjectStore.onServer(url, "loupe_ci", "", tmp.resolve("outbox.jsonl"), tmp.resolve("images"));
        new ImportImagesJob(store, "d", ImportSources.fromArguments(List.of(
                SharedData.photos().resolve("bus.jpg").toString())),
                new UrlFetcher(tmp.resolve("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
        long[] ids = store.imageIds(ImageFilter.all(1));
        long task = store.task("predictions", "").id();
        long person = store.label("person").id();
        store.addBoxes(List.of(new NewBox(ids[0], task, person, 50, 400, 200, 500, Source.MODEL, 0.91,
                ReviewStatus.PENDING, "model")));
        robot.interact(() -> {
            vm = new ReviewViewModel(store, ids, 0, "loupe_ci");
            stage.setScene(LoupeApplication.createScene(new ReviewView(vm)));
            stage.setWidth(1100);
            stage.setHeight(760);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.boxes().size() == 1);
        long box = vm.boxes().get(0).id();

        server.stopImmediately();
        robot.interact(() -> vm.reshape(box, new Rect(120, 380, 200, 500)));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> vm.serverNoticeProperty().get().contains("cannot be reached"));
        assertTrue(robot.lookup("#serverNotice").queryLabeled().isVisible());
        assertEquals(120, vm.boxes().get(0).x(), "the edit shows as made");
        Screenshots.save(stage.getScene(), "review-server-away");

        server.startAgain();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.serverNoticeProperty().get().isEmpty());
        Box stored = store.boxes(ids[0]).get(0);
        assertEquals(120, stored.x());
        assertEquals(ReviewStatus.ACCEPTED, stored.status());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#serverNotice").queryLabeled().isVisible());
    }
}
