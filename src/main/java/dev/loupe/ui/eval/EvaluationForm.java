package dev.loupe.ui.eval;

import dev.loupe.core.Task;
import dev.loupe.eval.ImageScope;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Which tasks to compare: one ground truth, one or more prediction tasks, optionally some classes. */
public final class EvaluationForm extends GridPane {
    private final ComboBox<String> gt = new ComboBox<>();
    private final ListView<String> preds = new ListView<>();
    private final TextField classes = new TextField("person");
    private final ComboBox<ImageScope> scope = new ComboBox<>();

    public EvaluationForm(List<Task> tasks) {
        setHgap(10);
        setVgap(8);
        List<String> names = tasks.stream().map(Task::name).toList();
        gt.getItems().setAll(names);
        gt.setId("evalGt");
        preds.setId("evalPreds");
        preds.getItems().setAll(names);
        preds.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        preds.setPrefHeight(140);
        if (!names.isEmpty()) {
            gt.setValue(names.get(0));
        }
        classes.setPromptText("empty: every class");
        scope.setId("evalScope");
        scope.getItems().setAll(ImageScope.values());
        scope.setValue(ImageScope.EVERY_IMAGE);
        scope.setConverter(new StringConverter<>() {
            @Override
            public String toString(ImageScope s) {
                return s == null ? "" : s.description();
            }

            @Override
            public ImageScope fromString(String text) {
                return Arrays.stream(ImageScope.values()).filter(s -> s.description().equals(text)).findFirst()
                        .orElse(ImageScope.EVERY_IMAGE);
            }
        });
        addRow(0, new Label("Ground truth"), gt);
        addRow(1, new Label("Predictions"), preds);
        addRow(2, new Label("Classes"), classes);
        addRow(3, new Label("Images"), scope);
    }

    public ImageScope imageScope() {
        return scope.getValue();
    }

    public BooleanBinding incomplete() {
        return Bindings.createBooleanBinding(() -> gt.getValue() == null || preds.getSelectionModel().getSelectedItems()
                .isEmpty(), gt.valueProperty(), preds.getSelectionModel().getSelectedItems());
    }

    public String groundTruth() {
        return gt.getValue();
    }

    public List<String> predictions() {
        return List.copyOf(preds.getSelectionModel().getSelectedItems());
    }

    public Set<String> classes() {
        return Arrays.stream(classes.getText().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
