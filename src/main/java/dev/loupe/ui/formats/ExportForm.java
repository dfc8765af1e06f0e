package dev.loupe.ui.formats;

import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Task;
import dev.loupe.formats.AnnotationFormat;
import dev.loupe.formats.ExportRequest;
import dev.loupe.formats.WriteOptions;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The fields of an export: format, folder, which boxes, and how images travel. */
public final class ExportForm extends GridPane {
    private static final String ALL_TASKS = "all tasks";

    private final String dataset;
    private final ComboBox<AnnotationFormat> format = AnnotationImportForm.formatBox();
    private final PathField out = new PathField("folder to write", false, true);
    private final ComboBox<String> task = new ComboBox<>();
    private final CheckBox pending = new CheckBox("pending");
    private final CheckBox accepted = new CheckBox("accepted");
    private final CheckBox rejected = new CheckBox("rejected");
    private final ComboBox<WriteOptions.ImageFiles> images = new ComboBox<>();

    public ExportForm(String dataset, List<Task> tasks) {
        this.dataset = dataset;
        setHgap(10);
        setVgap(8);
        out.setId("exportFolder");
        out.setPrefWidth(420);
        task.getItems().add(ALL_TASKS);
        tasks.forEach(t -> task.getItems().add(t.name()));
        task.setValue(ALL_TASKS);
        pending.setSelected(true);
        accepted.setSelected(true);
        images.getItems().setAll(WriteOptions.ImageFiles.values());
        images.setValue(WriteOptions.ImageFiles.COPY);
        int row = 0;
        addRow(row++, new Label("Dataset"), new Label(dataset));
        addRow(row++, new Label("Format"), format);
        addRow(row++, new Label("Folder"), out);
        addRow(row++, new Label("Task"), task);
        addRow(row++, new Label("Boxes"), new HBox(12, pending, accepted, rejected));
        addRow(row, new Label("Image files"), images);
    }

    public BooleanBinding incomplete() {
        return Bindings.createBooleanBinding(() -> out.textField().getText().isBlank()
                        || !pending.isSelected() && !accepted.isSelected() && !rejected.isSelected(),
                out.textField().textProperty(), pending.selectedProperty(), accepted.selectedProperty(),
                rejected.selectedProperty());
    }

    public ExportRequest toRequest() {
        Set<ReviewStatus> statuses = EnumSet.noneOf(ReviewStatus.class);
        if (pending.isSelected()) {
            statuses.add(ReviewStatus.PENDING);
        }
        if (accepted.isSelected()) {
            statuses.add(ReviewStatus.ACCEPTED);
        }
        if (rejected.isSelected()) {
            statuses.add(ReviewStatus.REJECTED);
        }
        Path folder = out.paths().get(0);
        return new ExportRequest(dataset, format.getValue(), folder, ALL_TASKS.equals(task.getValue()) ? null : task.getValue(),
                statuses.size() == ReviewStatus.values().length ? Set.of() : statuses, null, null, null, images.getValue());
    }
}
