package dev.loupe.ui.consensus;

import dev.loupe.consensus.ConsensusConfig;
import dev.loupe.core.Task;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

import java.util.List;

/** What to compare: the annotators' tasks, where the merged truth goes, how boxes match, optional truth and routing. */
public final class ConsensusForm extends GridPane {
    private static final String NO_TRUTH = "(none)";
    private static final String NO_ROUTING = "(no review stage)";

    private final ListView<String> annotators = new ListView<>();
    private final TextField outTask = new TextField("consensus");
    private final Spinner<Double> iou = new Spinner<>(0.05, 1.0, ConsensusConfig.DEFAULT_IOU, 0.05);
    private final Spinner<Integer> quorum = new Spinner<>(1, 99, ConsensusConfig.DEFAULT_QUORUM);
    private final ComboBox<String> truth = new ComboBox<>();
    private final ComboBox<String> routeBelow = new ComboBox<>();

    public ConsensusForm(List<Task> tasks) {
        setHgap(10);
        setVgap(8);
        List<String> names = tasks.stream().map(Task::name).toList();
        annotators.setId("consensusAnnotators");
        annotators.getItems().setAll(names);
        annotators.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        annotators.setPrefHeight(140);
        outTask.setId("consensusOut");
        iou.setEditable(true);
        quorum.setEditable(true);
        truth.setId("consensusTruth");
        truth.getItems().add(NO_TRUTH);
        truth.getItems().addAll(names);
        truth.setValue(NO_TRUTH);
        routeBelow.setId("consensusRoute");
        routeBelow.getItems().setAll(NO_ROUTING, "0.5", "0.6", "0.7", "0.8", "0.9");
        routeBelow.setValue("0.6");
        addRow(0, new Label("Annotators (one task each)"), annotators);
        addRow(1, new Label("Merged truth into task"), outTask);
        addRow(2, new Label("Same object from IoU"), iou);
        addRow(3, new Label("Annotators needed to keep a box"), quorum);
        addRow(4, new Label("Known truth"), truth);
        addRow(5, new Label("Review images with agreement below"), routeBelow);
    }

    public BooleanBinding incomplete() {
        return Bindings.createBooleanBinding(() -> annotators.getSelectionModel().getSelectedItems().size() < 2
                        || outTask.getText().isBlank() || annotators.getSelectionModel().getSelectedItems()
                        .contains(outTask.getText().strip()),
                annotators.getSelectionModel().getSelectedItems(), outTask.textProperty());
    }

    public List<String> annotators() {
        return List.copyOf(annotators.getSelectionModel().getSelectedItems());
    }

    public String outTask() {
        return outTask.getText().strip();
    }

    public ConsensusConfig config() {
        return new ConsensusConfig(iou.getValue(), quorum.getValue(), ConsensusConfig.Fusion.MEAN);
    }

    /** The truth task, or null. */
    public String truth() {
        return NO_TRUTH.equals(truth.getValue()) ? null : truth.getValue();
    }

    /** The agreement below which images go to review, or null. */
    public Double routeBelow() {
        return NO_ROUTING.equals(routeBelow.getValue()) ? null : Double.valueOf(routeBelow.getValue());
    }
}
