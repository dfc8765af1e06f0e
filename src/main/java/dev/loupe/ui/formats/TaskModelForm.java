package dev.loupe.ui.formats;

import dev.loupe.core.Task;
import dev.loupe.inference.ModelDescriptor;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

import java.nio.file.Path;
import java.util.List;

/**
 * A task and a model to look at a dataset with: the boxes to check for likely mistakes, or the labelled images to leave
 * out of the "label next" ranking (optional there: without one, every image is ranked).
 */
public final class TaskModelForm extends GridPane {
    /** The choice that stands for no task, where a task is optional. */
    static final String NO_TASK = "(none: every image)";
    private final ComboBox<String> task = new ComboBox<>();
    private final ComboBox<ModelDescriptor> model = new ComboBox<>();
    private final PathField modelsDir = new PathField("folder with the .onnx weights (else download)", false, true);

    public TaskModelForm(String dataset, List<Task> tasks, boolean taskOptional, String taskCaption,
                         String modelCaption, List<ModelDescriptor> models, Path defaultModelsDir) {
        setHgap(10);
        setVgap(8);
        task.setId("curationTask");
        model.setId("curationModel");
        modelsDir.setId("curationModelsDir");
        modelsDir.setPrefWidth(420);
        if (taskOptional) {
            task.getItems().add(NO_TASK);
        }
        task.getItems().addAll(tasks.stream().filter(t -> !t.isEvaluationCache()).map(Task::name).toList());
        task.setValue(task.getItems().isEmpty() ? null : task.getItems().get(0));
        model.getItems().setAll(models);
        model.setConverter(new ModelNames());
        model.setValue(models.isEmpty() ? null : models.get(0));
        if (defaultModelsDir != null) {
            modelsDir.set(List.of(defaultModelsDir));
        }
        int row = 0;
        addRow(row++, new Label("Dataset"), new Label(dataset));
        addRow(row++, new Label(taskCaption), task);
        addRow(row++, new Label(modelCaption), model);
        addRow(row, new Label("Models folder"), modelsDir);
    }

    public BooleanBinding incomplete() {
        return Bindings.createBooleanBinding(() -> task.getValue() == null || model.getValue() == null,
                task.valueProperty(), model.valueProperty());
    }

    /** The task chosen, or null for none. */
    public String task() {
        return NO_TASK.equals(task.getValue()) ? null : task.getValue();
    }

    public String model() {
        return model.getValue().name();
    }

    public Path modelsDir() {
        List<Path> p = modelsDir.paths();
        return p.isEmpty() ? null : p.get(0);
    }
}
