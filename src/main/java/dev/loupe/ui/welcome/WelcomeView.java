package dev.loupe.ui.welcome;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The first screen a new user sees: the loop Loupe runs, in one row of steps, and four ways in (a folder of
 * images, the drawn sample set, an existing project, an empty project), with where the pretrained models come from.
 */
public final class WelcomeView extends VBox {

    /** What the buttons do (a chooser the user cancels leaves the screen where it is). */
    public interface Actions {
        void fromFolder();

        void samples();

        void openProject();

        void emptyProject();
    }

    private static final double CHOICE_WIDTH = 580;

    private record Step(String title, String caption) {
    }

    private static final List<Step> LOOP = List.of(
            new Step("Import", "folders, URLs"),
            new Step("Pre-annotate", "a detector"),
            new Step("Review", "fix, accept"),
            new Step("Explore", "metrics, plots"),
            new Step("Cluster", "k-means, UMAP"),
            new Step("Rebalance", "augment"),
            new Step("Split", "no leaks"),
            new Step("Retrain", "in the app"),
            new Step("Compare", "AP50 gain"));

    public WelcomeView(Actions actions, String modelsHint) {
        getStyleClass().add("welcome");
        setId("welcome");
        setSpacing(22);
        setAlignment(Pos.CENTER);
        setPadding(new Insets(40));

        Label title = new Label("Welcome to Loupe");
        title.getStyleClass().add("welcome-title");
        Label lead = new Label("Curate an object-detection dataset and retrain a detector on it, on this machine, offline.");
        lead.getStyleClass().add("welcome-lead");
        lead.setWrapText(true);

        FlowPane loop = new FlowPane(4, 8);
        loop.setId("welcomeLoop");
        loop.setAlignment(Pos.CENTER);
        for (int i = 0; i < LOOP.size(); i++) {
            Step s = LOOP.get(i);
            Label name = new Label((i + 1) + "  " + s.title());
            name.getStyleClass().add("step-title");
            Label caption = new Label(s.caption());
            caption.getStyleClass().add("muted");
            VBox card = new VBox(2, name, caption);
            card.getStyleClass().add("step-card");
            loop.getChildren().add(card);
            if (i < LOOP.size() - 1) {
                Label arrow = new Label("→");
                arrow.getStyleClass().add("step-arrow");
                loop.getChildren().add(arrow);
            }
        }

        Button folder = choice("welcomeFolder", "New project from a folder of images…",
                "Makes a project in Loupe's folder and imports every image under it.");
        folder.getStyleClass().add("accent");
        folder.setOnAction(e -> actions.fromFolder());
        Button samples = choice("welcomeSamples", "Try the sample project",
                "48 images of shapes that Loupe draws, with exact boxes: try every step on them.");
        samples.setOnAction(e -> actions.samples());
        Button open = choice("welcomeOpen", "Open a project…", "A folder that holds a Loupe project (loupe.db, project.loupe).");
        open.setOnAction(e -> actions.openProject());
        Button empty = choice("welcomeEmpty", "Start with an empty project", "Import images later, or drop a folder on the window.");
        empty.setOnAction(e -> actions.emptyProject());
        VBox choices = new VBox(8, folder, samples, open, empty);
        // the keyboard starts on the main choice, not on whichever button focus traversal reaches first
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                javafx.application.Platform.runLater(folder::requestFocus);
            }
        });
        choices.setMaxWidth(CHOICE_WIDTH);

        Label modelsTitle = new Label("PRETRAINED MODELS");
        modelsTitle.getStyleClass().add("section-title");
        Label models = new Label(modelsHint);
        models.setId("welcomeModels");
        models.setWrapText(true);
        models.setPrefWidth(CHOICE_WIDTH);
        models.setMinHeight(Region.USE_PREF_SIZE);
        models.getStyleClass().add("muted");
        VBox modelsBox = new VBox(4, modelsTitle, models);
        modelsBox.setMaxWidth(CHOICE_WIDTH);

        Region above = new Region();
        Region below = new Region();
        VBox.setVgrow(above, Priority.ALWAYS);
        VBox.setVgrow(below, Priority.ALWAYS);
        HBox titleRow = new HBox(title);
        titleRow.setAlignment(Pos.CENTER);
        getChildren().addAll(above, titleRow, lead, loop, choices, modelsBox, below);
    }

    private static Button choice(String id, String text, String detail) {
        Label main = new Label(text);
        main.getStyleClass().add("choice-title");
        Label sub = new Label(detail);
        sub.getStyleClass().add("choice-detail");
        Button b = new Button(null, new VBox(2, main, sub));
        b.setId(id);
        b.getStyleClass().add("welcome-choice");
        b.setMaxWidth(Double.MAX_VALUE);
        b.setAlignment(Pos.CENTER_LEFT);
        return b;
    }
}
