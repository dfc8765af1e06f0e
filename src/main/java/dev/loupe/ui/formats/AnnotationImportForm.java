package dev.loupe.ui.formats;

import dev.loupe.formats.AnnotationFormat;
import dev.loupe.formats.AnnotationFormats;
import dev.loupe.formats.AnnotationFormatException;
import dev.loupe.formats.AnnotationImportRequest;
import dev.loupe.formats.ReadOptions;
import dev.loupe.formats.UnknownLabels;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;

import java.nio.file.Path;
import java.util.List;

/** The fields of an annotation import: format, files, task, and how to treat what is already there. */
public final class AnnotationImportForm extends GridPane {
    private final String dataset;
    private final ComboBox<AnnotationFormat> format = formatBox();
    private final PathField files = new PathField("annotation files or a folder", true, true);
    private final TextField task = new TextField("annotations");
    private final TextField description = new TextField();
    private final CheckBox overwrite = new CheckBox("Replace the task's boxes on these images");
    private final CheckBox preAnnotate = new CheckBox("Predictions to review (PENDING, keep scores)");
    private final ComboBox<UnknownLabels> unknown = new ComboBox<>();
    private final PathField classes = new PathField("classes.txt or data.yaml (YOLO; optional)", true, false);

    public AnnotationImportForm(String dataset) {
        this.dataset = dataset;
        getStyleClass().add("form");
        setHgap(10);
        setVgap(8);
        format.setId("importFormat");
        files.setId("importFiles");
        task.setId("importTask");
        files.setPrefWidth(420);
        unknown.getItems().setAll(UnknownLabels.values());
        unknown.setValue(UnknownLabels.ADD);
        unknown.setConverter(new StringConverter<>() {
            @Override
            public String toString(UnknownLabels u) {
                return u == UnknownLabels.ADD ? "add them as new labels" : "reject the import";
            }

            @Override
            public UnknownLabels fromString(String s) {
                return null;
            }
        });
        overwrite.setTooltip(new Tooltip("Without this, the boxes are added to what the task already has"));
        int row = 0;
        addRow(row++, new Label("Dataset"), new Label(dataset));
        addRow(row++, new Label("Format"), format);
        addRow(row++, new Label("Files"), files);
        addRow(row++, new Label("Task"), task);
        addRow(row++, new Label("Description"), description);
        addRow(row++, new Label("Unknown classes"), unknown);
        addRow(row++, new Label("Class names"), classes);
        add(overwrite, 1, row++);
        add(preAnnotate, 1, row);
    }

    static ComboBox<AnnotationFormat> formatBox() {
        ComboBox<AnnotationFormat> box = new ComboBox<>();
        box.getItems().setAll(AnnotationFormats.all());
        box.setValue(AnnotationFormats.all().get(0));
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(AnnotationFormat f) {
                return f == null ? "" : f.name().toUpperCase().replace("VOC", "Pascal VOC");
            }

            @Override
            public AnnotationFormat fromString(String s) {
                return null;
            }
        });
        return box;
    }

    /** True while the form lacks what an import needs. */
    public BooleanBinding incomplete() {
        return Bindings.createBooleanBinding(() -> files.textField().getText().isBlank() || task.getText().isBlank(),
                files.textField().textProperty(), task.textProperty());
    }

    public void setFiles(List<Path> paths) {
        files.set(paths);
    }

    public void setTask(String name) {
        task.setText(name);
    }

    public void setFormat(String name) {
        format.setValue(AnnotationFormats.byName(name));
    }

    public AnnotationImportRequest toRequest(String author) throws AnnotationFormatException {
        List<Path> cls = classes.paths();
        return new AnnotationImportRequest(dataset, format.getValue(), files.paths(),
                ReadOptions.withClassFile(cls.isEmpty() ? null : cls.get(0), null), task.getText().strip(),
                description.getText(), overwrite.isSelected(), preAnnotate.isSelected(), unknown.getValue(), author);
    }
}
