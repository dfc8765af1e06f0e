package dev.loupe.ui.eval;

import dev.loupe.eval.EvalBox;
import dev.loupe.eval.EvalResult;
import dev.loupe.media.ImageDecoder;
import dev.loupe.media.UnreadableImageException;
import dev.loupe.store.ImageBytes;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The evaluation view: a metrics table (one row per prediction task), PR curves at IoU .50, the images sorted by
 * errors, and the chosen image with true positives green, false positives red and misses amber (dashed).
 */
public final class EvaluationView extends BorderPane {
    private static final double IMAGE_PX = 520;
    private final Canvas imageCanvas = new Canvas(IMAGE_PX, IMAGE_PX);
    private final ImageBytes images;

    public EvaluationView(EvaluationViewModel vm) {
        this.images = vm.images();
        setPadding(new Insets(10));
        getStyleClass().add("evaluation");
        TableView<Map.Entry<String, EvalResult>> table = new TableView<>();
        table.setId("evalTable");
        table.getItems().setAll(vm.results().entrySet());
        table.getColumns().add(textColumn("prediction task", Map.Entry::getKey));
        table.getColumns().add(metric("AP50", EvalResult::ap50));
        table.getColumns().add(metric("AP75", EvalResult::ap75));
        table.getColumns().add(metric("mAP", EvalResult::map));
        table.getColumns().add(metric("APs", EvalResult::apSmall));
        table.getColumns().add(metric("APm", EvalResult::apMedium));
        table.getColumns().add(metric("APl", EvalResult::apLarge));
        table.getColumns().add(metric("AR100", EvalResult::ar100));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(28 + 26 * Math.max(2, vm.results().size()));

        ListView<EvaluationViewModel.ErrorRow> errors = new ListView<>();
        errors.setId("evalErrors");
        errors.getItems().setAll(vm.errors());
        errors.getSelectionModel().selectedItemProperty().addListener((obs, o, row) -> show(row));
        Label errorsTitle = new Label(String.format("Images by errors (IoU .50, score ≥ %.2f, %s)", vm.scoreThreshold(),
                vm.results().keySet().iterator().next()));
        errorsTitle.getStyleClass().add("section-title");
        VBox left = new VBox(8, new PrCurveCanvas(vm.results(), 420, 300), errorsTitle, errors);
        VBox.setVgrow(errors, Priority.ALWAYS);
        Label legend = new Label("true positive: green · false positive: red · missed: amber, dashed");
        legend.getStyleClass().add("muted");
        VBox right = new VBox(8, imageCanvas, legend);
        HBox body = new HBox(12, left, right);
        HBox.setHgrow(left, Priority.ALWAYS);
        Label counted = new Label(vm.countedOn());
        counted.setId("evalCountedOn");
        counted.getStyleClass().add("muted");
        counted.setWrapText(true);
        setTop(new VBox(6, table, counted));
        setCenter(body);
        BorderPane.setMargin(body, new Insets(10, 0, 0, 0));
        if (!vm.errors().isEmpty()) {
            errors.getSelectionModel().select(0);
        }
    }

    private static TableColumn<Map.Entry<String, EvalResult>, String> textColumn(String name,
            java.util.function.Function<Map.Entry<String, EvalResult>, String> f) {
        TableColumn<Map.Entry<String, EvalResult>, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new SimpleStringProperty(f.apply(cell.getValue())));
        c.setPrefWidth(160);
        return c;
    }

    private static TableColumn<Map.Entry<String, EvalResult>, String> metric(String name, ToDoubleFunction<EvalResult> f) {
        return textColumn(name, e -> {
            double v = f.applyAsDouble(e.getValue());
            return v < 0 ? "—" : String.format("%.3f", v);
        });
    }

    private void show(EvaluationViewModel.ErrorRow row) {
        GraphicsContext g = imageCanvas.getGraphicsContext2D();
        g.clearRect(0, 0, IMAGE_PX, IMAGE_PX);
        if (row == null) {
            return;
        }
        Thread loader = new Thread(() -> {
            try {
                var decoded = ImageDecoder.decode(images, row.image());
                Image fx = SwingFXUtils.toFXImage(decoded, null);
                Platform.runLater(() -> draw(row, fx));
            } catch (UnreadableImageException e) {
                Platform.runLater(() -> g.fillText(e.getMessage(), 10, 20));
            }
        }, "loupe-eval-image");
        loader.setDaemon(true);
        loader.start();
    }

    private void draw(EvaluationViewModel.ErrorRow row, Image image) {
        GraphicsContext g = imageCanvas.getGraphicsContext2D();
        double k = Math.min(IMAGE_PX / image.getWidth(), IMAGE_PX / image.getHeight());
        g.clearRect(0, 0, IMAGE_PX, IMAGE_PX);
        g.drawImage(image, 0, 0, image.getWidth() * k, image.getHeight() * k);
        boxes(g, row.errors().truePositives(), Color.web("#2e9e4f"), false, k);
        boxes(g, row.errors().falsePositives(), Color.web("#e0433a"), false, k);
        boxes(g, row.errors().falseNegatives(), Color.web("#f2a516"), true, k);
    }

    private static void boxes(GraphicsContext g, List<EvalBox> boxes, Color c, boolean dashed, double k) {
        g.setStroke(c);
        g.setLineWidth(2);
        g.setLineDashes(dashed ? 6 : 0);
        for (EvalBox b : boxes) {
            g.strokeRect(b.x() * k, b.y() * k, b.w() * k, b.h() * k);
        }
    }
}
