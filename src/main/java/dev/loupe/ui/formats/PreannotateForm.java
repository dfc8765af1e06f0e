package dev.loupe.ui.formats;

import dev.loupe.inference.ModelDescriptor;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The fields of a pre-annotation run: model, where its weights are, task, classes and score threshold. */
public final class PreannotateForm extends GridPane {
    private final ComboBox<ModelDescriptor> model = new ComboBox<>();
    private final PathField modelsDir = new PathField("folder with the .onnx weights (else download)", false, true);
    private final TextField task = new TextField("predictions");
    private final TextField classes = new TextField("person");
    private final TextField score = new TextField();

    public PreannotateForm(String dataset, List<ModelDescriptor> models, Path defaultModelsDir) {
        setHgap(10);
        setVgap(8);
        model.setId("preModel");
        modelsDir.setId("preModelsDir");
        task.setId("preTask");
        classes.setId("preClasses");
        modelsDir.setPrefWidth(420);
        model.getItems().setAll(models);
        model.setConverter(new ModelNames());
        model.valueProperty().addListener((obs, o, d) -> score.setPromptText(d == null ? "" : "default " + d.scoreThreshold()));
        model.setValue(models.isEmpty() ? null : models.get(0));
        if (defaultModelsDir != null) {
            modelsDir.set(List.of(defaultModelsDir));
        }
        classes.setPromptText("empty: every class");
        int row = 0;
        addRow(row++, new Label("Dataset"), new Label(dataset));
        addRow(row++, new Label("Model"), model);
        addRow(row++, new Label("Models folder"), modelsDir);
        addRow(row++, new Label("Task"), task);
        addRow(row++, new Label("Classes"), classes);
        addRow(row, new Label("Min. score"), score);
    }

    public BooleanBinding incomplete() {
        return Bindings.createBooleanBinding(() -> model.getValue() == null || task.getText().isBlank()
                || !score.getText().isBlank() && !score.getText().strip().matches("0?\\.\\d+|1(\\.0*)?|0"),
                model.valueProperty(), task.textProperty(), score.textProperty());
    }

    public String model() {
        return model.getValue().name();
    }

    public Path modelsDir() {
        List<Path> p = modelsDir.paths();
        return p.isEmpty() ? null : p.get(0);
    }

    public String task() {
        return task.getText().strip();
    }

    public Set<String> classes() {
        return Arrays.stream(classes.getText().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    public Double score() {
        return score.getText().isBlank() ? null : Double.valueOf(score.getText().strip());
    }
}
