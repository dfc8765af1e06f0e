package dev.loupe.ui.app;

import dev.loupe.jobs.JobRunner;
import dev.loupe.project.Workspace;
import dev.loupe.ui.common.FxDialogService;
import dev.loupe.ui.common.FxJobs;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.Objects;

/** The JavaFX application: one main window over the workspace's start project. */
public final class LoupeApplication extends Application {
    /** System property naming the project to open instead of the workspace's start project. */
    public static final String PROJECT_PROPERTY = "loupe.project";

    private JobRunner runner;
    private MainViewModel vm;

    public static void launchGui() {
        Application.launch(LoupeApplication.class);
    }

    @Override
    public void start(Stage stage) {
        Workspace workspace = Workspace.fromEnvironment();
        runner = JobRunner.background(2);
        vm = new MainViewModel(workspace, new FxJobs(runner));
        MainView view = new MainView(vm);
        Scene scene = createScene(view);
        vm.setDialogs(new FxDialogService(stage));
        stage.setTitle("Loupe");
        stage.getIcons().add(new javafx.scene.image.Image(Objects.requireNonNull(
                LoupeApplication.class.getResource("/icons/loupe.png")).toExternalForm()));
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();
        String requested = System.getProperty(PROJECT_PROPERTY);
        view.showStart(requested == null ? null : Path.of(requested));
    }

    /** A scene with Loupe's stylesheet, sized for a laptop screen. */
    public static Scene createScene(javafx.scene.Parent root) {
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(Objects.requireNonNull(
                LoupeApplication.class.getResource("/css/loupe.css")).toExternalForm());
        return scene;
    }

    @Override
    public void stop() {
        if (vm != null) {
            vm.close();
        }
        if (runner != null) {
            runner.close();
        }
    }
}
