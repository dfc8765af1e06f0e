package dev.loupe.ui.common;

import dev.loupe.jobs.JobProblem;
import dev.loupe.jobs.JobState;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.stream.Collectors;

/** The jobs panel: one row per job with a progress bar, its state, problems on hover, and a cancel button. */
public final class JobsPanel extends VBox {

    public JobsPanel(FxJobs jobs) {
        getStyleClass().add("jobs-panel");
        Label title = new Label("Jobs");
        title.getStyleClass().add("section-title");
        Button clear = new Button("Clear finished");
        clear.getStyleClass().add("link-button");
        clear.setOnAction(e -> jobs.clearFinished());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, clear);
        header.setAlignment(Pos.CENTER_LEFT);
        ListView<JobRow> list = new ListView<>(jobs.rows());
        list.setId("jobsList");
        list.setPlaceholder(new Label("No jobs yet"));
        list.setCellFactory(v -> new JobCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(header, list);
    }

    private static final class JobCell extends ListCell<JobRow> {
        private final Label name = new Label();
        private final Label detail = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final Button cancel = new Button("✕");
        private final VBox box;

        JobCell() {
            cancel.getStyleClass().add("icon-button");
            cancel.setTooltip(new Tooltip("Cancel this job"));
            detail.getStyleClass().add("muted");
            bar.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(bar, Priority.ALWAYS);
            HBox progressLine = new HBox(6, bar, cancel);
            progressLine.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(2, name, progressLine, detail);
        }

        @Override
        protected void updateItem(JobRow row, boolean empty) {
            super.updateItem(row, empty);
            name.textProperty().unbind();
            detail.textProperty().unbind();
            bar.progressProperty().unbind();
            cancel.disableProperty().unbind();
            if (empty || row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            name.textProperty().bind(row.nameProperty());
            detail.textProperty().bind(row.detailProperty());
            bar.progressProperty().bind(row.progressProperty());
            cancel.disableProperty().bind(row.stateProperty().isNotEqualTo(JobState.RUNNING)
                    .and(row.stateProperty().isNotEqualTo(JobState.QUEUED)));
            cancel.setOnAction(e -> row.cancel());
            var problems = row.handle().problems();
            setTooltip(problems.isEmpty() ? null : new Tooltip(problems.stream().limit(20)
                    .map(JobProblem::toString).collect(Collectors.joining("\n"))));
            setGraphic(box);
        }
    }
}
