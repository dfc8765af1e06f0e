package dev.loupe.ui.welcome;

import dev.loupe.samples.SampleProjectJob;
import dev.loupe.ui.app.MainWindowUiTest;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A first start shows the welcome screen; its sample button leads to a filled sample project. */
class WelcomeUiTest extends MainWindowUiTest {

    @Start
    void start(Stage stage) {
        mount(stage);
    }

    @Test
    void firstRunWelcomesThenTheSampleProjectOpensWithItsBoxes(FxRobot robot) throws Exception {
        assertTrue(vm.firstRun(), "a fresh workspace has no recent project");
        robot.interact(() -> view.showStart(null));
        assertTrue(robot.lookup("#welcome").tryQuery().isPresent(), "the welcome screen is shown");
        assertEquals(17, robot.lookup("#welcomeLoop").queryAs(javafx.scene.layout.FlowPane.class)
                .getChildren().size(), "nine steps and eight arrows");
        String models = robot.lookup("#welcomeModels").queryAs(Label.class).getText();
        assertTrue(models.contains("LOUPE_MODELS"), models);

        robot.clickOn("#welcomeSamples");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.gallery().countProperty().get()
                == SampleProjectJob.DEFAULT_COUNT && vm.messageProperty().get().startsWith("Sample project"));
        assertFalse(robot.lookup("#welcome").tryQuery().isPresent(), "the main view is back");
        assertEquals(SampleProjectJob.DATASET, vm.selectedDatasetProperty().get().dataset().name());
        assertEquals(java.util.Set.of("circle", "square", "triangle"), vm.labels().stream()
                .map(dev.loupe.core.Label::name).collect(java.util.stream.Collectors.toSet()));
        assertTrue(vm.tasks().stream().anyMatch(t -> t.name().equals(SampleProjectJob.TASK)));
        assertFalse(vm.firstRun(), "the next start opens the sample project instead of the welcome screen");
        assertEquals(vm.projectProperty().get().folder(), vm.startProject());
    }

    /** The folder chooser is answered as a user would (cancel first, then the photos folder); the OS dialog is not Loupe's. */
    @Test
    void aFolderBecomesAProjectOfItsOwnAndCancellingKeepsTheWelcome(FxRobot robot) throws Exception {
        java.util.Deque<java.util.Optional<java.nio.file.Path>> answers = new java.util.ArrayDeque<>(java.util.List.of(
                java.util.Optional.empty(), java.util.Optional.of(photos())));
        robot.interact(() -> {
            vm.setDialogs(new dev.loupe.ui.common.DialogService() {
                @Override
                public java.util.Optional<String> askPassword(String title, String message) {
                    return java.util.Optional.empty();
                }

                @Override
                public java.util.Optional<java.nio.file.Path> chooseFolder(String title, java.nio.file.Path initial) {
                    return answers.poll();
                }

                @Override
                public java.util.Optional<java.nio.file.Path> chooseFile(String title, java.util.List<String> ext) {
                    return java.util.Optional.empty();
                }

                @Override
                public java.util.Optional<java.nio.file.Path> chooseSaveFile(String title, String suggestedName) {
                    return java.util.Optional.empty();
                }

                @Override
                public void showError(String title, String message) {
                    throw new AssertionError(title + ": " + message);
                }
            });
            view.showStart(null);
        });
        robot.clickOn("#welcomeFolder");
        assertTrue(robot.lookup("#welcome").tryQuery().isPresent(), "a cancelled chooser leaves the welcome screen");
        robot.clickOn("#welcomeFolder");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.gallery().countProperty().get() == 6);
        assertFalse(robot.lookup("#welcome").tryQuery().isPresent());
        assertEquals(tmp.resolve("workspace").resolve(photos().getFileName().toString()).toAbsolutePath().normalize(),
                vm.projectProperty().get().folder(), "the project is made in Loupe's folder, named after the images'");
    }
}
