package dev.loupe.ui.consensus;

import dev.loupe.consensus.ConsensusConfig;
import dev.loupe.consensus.ConsensusRequest;
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

/**
 * What to compare: the annotators (one task each, or people drawing in one task), where the merged truth goes, how
 * boxes match, optional truth and routing.
 */
public final class ConsensusForm extends GridPane {
    private static final String TASKS = "one task per annotator";
    private static final String PEOPLE = "people drawing in one task";
    private static final String NO_TRUTH = "(none)";
    private static final String NO_ROUTING = "(no review stage)";

    private final ComboBox<String> mode = new ComboBox<>();
    private final ListView<String> annotators = new ListView<>();
    private final ComboBox<String> sharedTask = new ComboBox<>();
    private final TextField people = new TextField();
    private final TextField outTask = new TextField("consensus");
    private final Spinner<Double> iou = new Spinner<>(0.05, 1.0, ConsensusConfig.DEFAULT_IOU, 0.05);
    private final Spinner<Integer> quorum = new Spinner<>(1, 99, ConsensusConfig.DEFAULT_QUORUM);
    private final ComboBox<String> truth = new ComboBox<>();
    private final ComboBox<String> routeBelow = new ComboBox<>();

    /**
     * @param peopleOf who has work in a task (its assignees), to offer them when people in one task are compared
     */
    public ConsensusForm(List<Task> tasks, java.util.function.Function<String, List<String>> peopleOf) {
        setHgap(10);
        setVgap(8);
        List<String> names = tasks.stream().map(Task::name).toList();
        mode.setId("consensusMode");
        mode.getItems().setAll(TASKS, PEOPLE);
        mode.setValue(TASKS);
        sharedTask.setId("consensusTask");
        sharedTask.getItems().setAll(names);
        sharedTask.valueProperty().addListener((o, was, task) -> {
            if (task != null) {
                people.setText(String.join(", ", peopleOf.apply(task)));
            }
        });
        people.setId("consensusPeople");
        people.setPromptText("ann, ben, cy");
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
        Label annotatorsLabel = new Label("Annotators (one task each)");
        Label taskLabel = new Label("Task they draw in");
        Label peopleLabel = new Label("People (comma-separated)");
        addRow(0, new Label("Compare"), mode);
        addRow(1, annotatorsLabel, annotators);
        addRow(2, taskLabel, sharedTask);
        addRow(3, peopleLabel, people);
        addRow(4, new Label("Merged truth into task"), outTask);
        addRow(5, new Label("Same object from IoU"), iou);
        addRow(6, new Label("Annotators needed to keep a box"), quorum);
        addRow(7, new Label("Known truth"), truth);
        addRow(8, new Label("Review images with agreement below"), routeBelow);
        var byPeople = mode.valueProperty().isEqualTo(PEOPLE);
        for (javafx.scene.Node n : List.of(annotatorsLabel, annotators)) {
            n.visibleProperty().bind(byPeople.not());
            n.managedProperty().bind(byPeople.not());
        }
        for (javafx.scene.Node n : List.of(taskLabel, sharedTask, peopleLabel, people)) {
            n.visibleProperty().bind(byPeople);
            n.managedProperty().bind(byPeople);
        }
    }

    public BooleanBinding incomplete() {
        return Bindings.createBooleanBinding(() -> annotators().size() < 2 || outTask.getText().isBlank()
                        || taskNames().contains(outTask.getText().strip()),
                mode.valueProperty(), annotators.getSelectionModel().getSelectedItems(), outTask.textProperty(),
                sharedTask.valueProperty(), people.textProperty());
    }

    /** The annotators as chosen: tasks, or people in the shared task. */
    public List<ConsensusRequest.Annotator> annotators() {
        if (PEOPLE.equals(mode.getValue())) {
            if (sharedTask.getValue() == null) {
                return List.of();
            }
            return ConsensusRequest.Annotator.people(sharedTask.getValue(), java.util.Arrays.stream(
                    people.getText().split(",")).map(String::strip).filter(p -> !p.isEmpty()).distinct().toList());
        }
        return ConsensusRequest.Annotator.tasks(List.copyOf(annotators.getSelectionModel().getSelectedItems()));
    }

    /** The annotators' names, for titles. */
    public List<String> annotatorNames() {
        return annotators().stream().map(ConsensusRequest.Annotator::name).toList();
    }

    private List<String> taskNames() {
        return annotators().stream().map(ConsensusRequest.Annotator::task).distinct().toList();
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
