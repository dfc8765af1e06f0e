package dev.loupe.ui.formats;

import dev.loupe.core.Task;
import dev.loupe.inference.ModelDescriptor;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;

import java.nio.file.Path;
import java.util.List;

/** The fields of a search for likely mistakes: the task whose boxes to check and the model to check them with. */
public final class SuspectsForm extends GridPane {
    private final ComboBox<String> task = new ComboBox<>();
    private final ComboBox<ModelDescriptor> model = new ComboBox<>();
    private final PathField modelsDir = new PathField("folder with the .onnx weights (else download)", false, true);

    public SuspectsForm(String dataset, List<Task> tasks, List<ModelDescriptor> models, Path defaultModelsDir) {
        setHgap(10);
        setVgap(8);
        task.setId("suspectsTask");
        model.setId("suspectsModel");
        modelsDir.setId("suspectsModelsDir");
        modelsDir.setPrefWidth(420);
        task.getItems().setAll(tasks.stream().filter(t -> !t.isEvaluationCache()).map(Task::name).toList());
        task.setValue(task.getItems().isEmpty() ? null : task.getItems().get(0));
        model.getItems().setAll(models);
        model.setConverter(new StringConverter<>() {
            @Override
            public String toString(ModelDescriptor d) {
                return d == null ? "" : d.name() + " — " + d.description();
            }

            @Override
            public ModelDescriptor fromString(String s) {
                return null;
            }
        });
        model.setValue(models.isEmpty() ? null : models.get(0));
        if (defaultModelsDir != null) {
            modelsDir.set(List.of(defaultModelsDir));
        }
        int row = 0;
        addRow(row++, new Label("Dataset"), new Label(dataset));
        addRow(row++, new Label("Boxes of task"), task);
        addRow(row++, new Label("Checked with"), model);
        addRow(row, new Label("Models folder"), modelsDir);
    }

    public BooleanBinding incomplete() {
        return Bindings.createBooleanBinding(() -> task.getValue() == null || model.getValue() == null,
                task.valueProperty(), model.valueProperty());
    }

    public String task() {
        return task.getValue();
    }

    public String model() {
        return model.getValue().name();
    }

    public Path modelsDir() {
        List<Path> p = modelsDir.paths();
        return p.isEmpty() ? null : p.get(0);
    }
}
