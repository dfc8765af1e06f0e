package dev.loupe.ui.app;

import dev.loupe.project.Project;
import dev.loupe.project.TeamServer;
import dev.loupe.testing.PostgresServer;
import dev.loupe.testing.Screenshots;
import dev.loupe.testing.SharedData;
import dev.loupe.ui.common.FxDialogService;
import javafx.scene.control.PasswordField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A team project opened from the GUI: the server asks for the password, the window asks the person, nothing keeps it. */
class TeamProjectUiTest extends MainWindowUiTest {
    private PostgresServer server;

    @Start
    void start(Stage stage) {
        mount(stage);
        vm.setDialogs(new FxDialogService(stage));
    }

    @AfterEach
    void dropServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** Opens the team project in {@code folder}; the window asks for the password, which is typed; returns the dialog. */
    private Window typePassword(FxRobot robot, Path folder, String password) throws Exception {
        robot.interact(() -> vm.openProject(folder));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.listTargetWindows().stream()
                .anyMatch(w -> w instanceof Stage s && "Open team project".equals(s.getTitle())));
        Window dialog = robot.window("Open team project");
        PasswordField field = robot.from(dialog.getScene().getRoot()).lookup("#passwordField").queryAs(PasswordField.class);
        robot.interact(() -> field.setText(password));
        return dialog;
    }

    @Test
    void openingATeamProjectAsksForThePasswordAndShowsItsImages(FxRobot robot) throws Exception {
        server = PostgresServer.freshDatabase();
        String admin = server.login("loupe_admin");
        server.grantSchema(admin);
        Path team = tmp.resolve("team");
        TeamServer where = new TeamServer(server.jdbcUrl(), admin);
        try (Project p = Project.createOnServerWithPassword(team, where, admin)) {
            new dev.loupe.media.ImportImagesJob(p.store(), "photos", dev.loupe.media.ImportSources.fromArguments(
                    java.util.List.of(SharedData.photos().toString())), new dev.loupe.media.UrlFetcher(
                    p.cacheDir("downloads"), java.time.Duration.ofMillis(10))).run(dev.loupe.jobs.JobContext.silent());
        }

        Window dialog = typePassword(robot, team, admin);
        Screenshots.save(dialog.getScene(), "team-password");
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.projectProperty().get() != null
                && vm.gallery().countProperty().get() == 6);
        assertEquals(team, vm.projectProperty().get().folder());
        assertFalse(Files.readString(team.resolve(TeamServer.FILE)).contains("password"), "the password is kept nowhere");

        // another desktop draws a box: this window's counts follow within a second, with no action here
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.statusProperty().get().contains("0 boxes"));
        try (var other = dev.loupe.store.SqlProjectStore.onServer(server.jdbcUrl(), admin, admin)) {
            long image = other.imageIds(dev.loupe.core.ImageFilter.all(other.requireDataset("photos").id()))[0];
            other.addBoxes(java.util.List.of(new dev.loupe.core.NewBox(image, other.task("gt", "").id(),
                    other.label("person").id(), 10, 10, 50, 80, dev.loupe.core.Source.HUMAN, Double.NaN,
                    dev.loupe.core.ReviewStatus.PENDING, "")));
        }
        long drawn = System.nanoTime();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> vm.statusProperty().get().contains("1 boxes (1 pending"));
        org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() - drawn < 2_000_000_000L,
                "the counts followed within moments: " + vm.statusProperty().get());
    }

    @Test
    void anAnnotatorSeesOnlyWhatTheirRoleAllowsAndMyWorkOpensTheirImages(FxRobot robot) throws Exception {
        server = PostgresServer.freshDatabase();
        String admin = server.login("loupe_admin");
        server.grantSchema(admin);
        String annotator = server.login("loupe_annotator");
        Path team = tmp.resolve("team");
        String firstOfMine;
        try (Project p = Project.createOnServerWithPassword(team, new TeamServer(server.jdbcUrl(), admin), admin)) {
            new dev.loupe.media.ImportImagesJob(p.store(), "photos", dev.loupe.media.ImportSources.fromArguments(
                    java.util.List.of(SharedData.photos().toString())), new dev.loupe.media.UrlFetcher(
                    p.cacheDir("downloads"), java.time.Duration.ofMillis(10))).run(dev.loupe.jobs.JobContext.silent());
            long task = p.store().task("boxes", "").id();
            long[] ids = p.store().imageIds(dev.loupe.core.ImageFilter.all(p.store().requireDataset("photos").id()));
            new dev.loupe.review.WorkQueues(p.store()).shareOut(task, 0, ids, java.util.List.of(annotator, admin), false);
            firstOfMine = p.store().image(ids[0]).orElseThrow().fileName(); // shared out in turn: 0, 2, 4 are mine
        }
        Path annotators = tmp.resolve("annotators-copy");
        Files.createDirectories(annotators);
        Files.writeString(annotators.resolve(TeamServer.FILE), Files.readString(team.resolve(TeamServer.FILE))
                .replace(admin, annotator));

        typePassword(robot, annotators, annotator);
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.projectProperty().get() != null
                && vm.gallery().countProperty().get() == 6);
        WaitForAsyncUtils.waitForFxEvents();
        for (String adminOnly : new String[]{"#importButton", "#exploreButton", "#clustersButton", "#retrainOpen"}) {
            assertFalse(robot.lookup(adminOnly).query().isVisible(), adminOnly + " is not offered to an annotator");
        }
        assertEquals(annotator, vm.userName(), "the person is who the server knows");
        String where = robot.lookup("#projectWhere").queryLabeled().getText();
        org.junit.jupiter.api.Assertions.assertTrue(where.contains(annotator) && where.contains("stored on the server"),
                where);

        robot.clickOn("#myWorkButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.listTargetWindows().stream()
                .anyMatch(w -> w instanceof Stage s && "My work".equals(s.getTitle())));
        Window review = robot.window("My work");
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(review.getScene(), "team-my-work-annotator");
        Screenshots.save(robot.window(w -> w != review && w instanceof Stage s && s.getTitle() != null
                && !"My work".equals(s.getTitle())).getScene(), "team-main-annotator");
        String status = robot.from(review.getScene().getRoot()).lookup("#reviewStatus")
                .queryAs(javafx.scene.control.Label.class).getText();
        org.junit.jupiter.api.Assertions.assertTrue(status.startsWith("1 / 3 · " + firstOfMine),
                "the annotator's three images, first of them first: " + status);
        assertFalse(robot.from(review.getScene().getRoot()).lookup("Accept (A)").query().isVisible(),
                "an annotator is not offered verdicts");
        Path fetched = annotators.resolve(Project.CACHE).resolve(Project.IMAGES);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.isDirectory(fetched));
        try (var files = Files.walk(fetched)) {
            org.junit.jupiter.api.Assertions.assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".jpg")),
                    "the annotator's desktop shows images it fetched from the server");
        }
        robot.interact(() -> ((Stage) review).close());
    }
}
