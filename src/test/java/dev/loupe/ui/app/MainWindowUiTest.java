package dev.loupe.ui.app;

import dev.loupe.jobs.JobRunner;
import dev.loupe.project.Workspace;
import dev.loupe.testing.SharedData;
import dev.loupe.ui.common.FxJobs;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real main window on a temporary workspace, with a background job runner, for UI tests to drive. */
@ExtendWith(ApplicationExtension.class)
public abstract class MainWindowUiTest {
    @TempDir
    protected Path tmp;

    protected JobRunner runner;
    protected MainViewModel vm;
    protected MainView view;

    /** Called from each test class's own {@code @Start} (TestFX looks for it on the test class only). */
    protected void mount(Stage stage) {
        runner = JobRunner.background(2);
        vm = new MainViewModel(new Workspace(tmp.resolve("workspace")), new FxJobs(runner));
        view = new MainView(vm);
        stage.setScene(LoupeApplication.createScene(view));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(vm::close).get(10, TimeUnit.SECONDS);
        runner.close();
    }

    /** Opens (creating) a project and imports a folder into it, waiting until the gallery shows it. */
    protected void openAndImport(FxRobot robot, String project, Path folder, int images) throws Exception {
        robot.interact(() -> vm.openProject(tmp.resolve(project)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.projectProperty().get() != null);
        robot.interact(() -> vm.importPaths(List.of(folder)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.gallery().countProperty().get() == images);
    }

    /**
     * Opens a project on {@code folder} (images of coco-dev's tiny50 subset) and imports tiny50's COCO boxes into
     * task "coco", waiting until they are stored; returns the message that reports them.
     */
    protected String openWithCocoBoxes(FxRobot robot, Path folder, int images) throws Exception {
        Path tiny = SharedData.cocoDev().resolve("tiny50-train");
        openAndImport(robot, "p", folder, images);
        String dataset = vm.selectedDatasetProperty().get().dataset().name();
        robot.interact(() -> vm.importAnnotations(new dev.loupe.formats.AnnotationImportRequest(dataset,
                dev.loupe.formats.AnnotationFormats.byName("coco"), List.of(tiny.resolve("instances.json")),
                dev.loupe.formats.ReadOptions.defaults(), "coco", "", false, false,
                dev.loupe.formats.UnknownLabels.ADD, "")));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.messageProperty().get().startsWith("Stored"));
        return vm.messageProperty().get();
    }

    protected static Path photos() {
        return SharedData.photos();
    }
}
