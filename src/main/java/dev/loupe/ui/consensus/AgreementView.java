package dev.loupe.ui.consensus;

import dev.loupe.consensus.ConsensusReport;
import dev.loupe.core.Box;
import dev.loupe.media.UnreadableImageException;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The agreement view: annotators and labels in sortable tables, the images with the least agreement, and the chosen
 * image once per annotator beside the merged truth, each annotator's boxes in their own colour.
 */
public final class AgreementView extends BorderPane {
    private static final double SIDE_PX = 300;
    /** Distinct on the gallery's light background and on photos. */
    private static final List<Color> COLOURS = List.of(Color.web("#1f77b4"), Color.web("#ff7f0e"),
            Color.web("#2ca02c"), Color.web("#9467bd"), Color.web("#d62728"), Color.web("#8c564b"));
    private static final Color MERGED = Color.web("#e6b800");

    private final AgreementViewModel vm;
    private final FlowPane sides = new FlowPane(12, 12);

    /** @param review opens the review window on a task's images (the merged truth, least agreement first) */
    public AgreementView(AgreementViewModel vm, BiConsumer<Long, long[]> review) {
        this.vm = vm;
        setPadding(new Insets(10));
        getStyleClass().add("agreement");
        Label summary = new Label(vm.summary());
        summary.setId("agreementSummary");
        summary.setWrapText(true);
        Button reviewMerged = new Button("Review the merged truth");
        reviewMerged.setId("reviewMerged");
        reviewMerged.setOnAction(e -> review.accept(vm.mergedTask(),
                vm.lowest().stream().mapToLong(AgreementViewModel.ImageRow::imageId).toArray()));
        HBox top = new HBox(12, summary, reviewMerged);
        HBox.setHgrow(summary, Priority.ALWAYS);
        top.setPadding(new Insets(0, 0, 10, 0));
        setTop(top);

        ListView<AgreementViewModel.ImageRow> images = new ListView<>();
        images.setId("agreementImages");
        images.getItems().setAll(vm.lowest());
        images.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> show(row));
        String listed = vm.lowest().size() < vm.report().imageIds().length
                ? String.format("Images, least agreement first (%,d of %,d)", vm.lowest().size(),
                vm.report().imageIds().length) : "Images, least agreement first";
        VBox left = new VBox(6, header("Annotators"), annotators(), header("Labels"), labels(), header(listed), images);
        VBox.setVgrow(images, Priority.ALWAYS);
        left.setPrefWidth(600);
        left.setPadding(new Insets(0, 12, 0, 0));
        setLeft(left);

        sides.setId("agreementSides");
        sides.setPadding(new Insets(4));
        ScrollPane scroll = new ScrollPane(sides);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        if (!vm.lowest().isEmpty()) {
            images.getSelectionModel().select(0);
        }
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private TableView<ConsensusReport.AnnotatorRow> annotators() {
        TableView<ConsensusReport.AnnotatorRow> table = new TableView<>();
        table.setId("agreementAnnotators");
        table.getItems().setAll(vm.report().annotators());
        table.getColumns().add(text("annotator", ConsensusReport.AnnotatorRow::name));
        table.getColumns().add(number("boxes", a -> (double) a.boxes(), "%,.0f"));
        table.getColumns().add(number("agreement", a -> a.vsOthers().f1(), "%.3f"));
        table.getColumns().add(number("mean IoU", a -> a.vsOthers().meanIou(), "%.3f"));
        if (vm.hasTruth()) {
            table.getColumns().add(number("precision", a -> a.vsTruth().precision(), "%.3f"));
            table.getColumns().add(number("recall", a -> a.vsTruth().recall(), "%.3f"));
            table.getColumns().add(number("truth F1", a -> a.vsTruth().f1(), "%.3f"));
        }
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(36 + 26 * Math.max(2, vm.report().annotators().size()));
        return table;
    }

    private TableView<ConsensusReport.LabelRow> labels() {
        TableView<ConsensusReport.LabelRow> table = new TableView<>();
        table.setId("agreementLabels");
        table.getItems().setAll(vm.report().labels());
        table.getColumns().add(text("label", ConsensusReport.LabelRow::label));
        table.getColumns().add(number("boxes", l -> (double) l.agreement().boxes(), "%,.0f"));
        table.getColumns().add(number("agreement", l -> l.agreement().f1(), "%.3f"));
        table.getColumns().add(number("mean IoU", l -> l.agreement().meanIou(), "%.3f"));
        if (vm.hasTruth()) {
            table.getColumns().add(number("merged truth F1", l -> l.mergedVsTruth().f1(), "%.3f"));
        }
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(200);
        return table;
    }

    private static <T> TableColumn<T, String> text(String name, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }

    /** A number column that sorts by value and shows it formatted (a dash when undefined). */
    private static <T> TableColumn<T, Double> number(String name, Function<T, Double> value, String format) {
        TableColumn<T, Double> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Double.isNaN(v) ? "—" : String.format(format, v));
            }
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }

    private void show(AgreementViewModel.ImageRow row) {
        sides.getChildren().clear();
        if (row == null) {
            return;
        }
        Thread loader = new Thread(() -> {
            try {
                AgreementViewModel.ImageSides s = vm.sides(row.imageId());
                Image picture = SwingFXUtils.toFXImage(s.picture(), null);
                Platform.runLater(() -> draw(s, picture));
            } catch (UnreadableImageException | RuntimeException e) {
                Platform.runLater(() -> sides.getChildren().setAll(new Label("Cannot show it: " + e.getMessage())));
            }
        }, "loupe-agreement-image");
        loader.setDaemon(true);
        loader.start();
    }

    private void draw(AgreementViewModel.ImageSides s, Image picture) {
        sides.getChildren().clear();
        for (int i = 0; i < s.sides().size(); i++) {
            AgreementViewModel.Side side = s.sides().get(i);
            boolean merged = i == s.sides().size() - 1;
            Color colour = merged ? MERGED : COLOURS.get(i % COLOURS.size());
            Canvas canvas = new Canvas(SIDE_PX, SIDE_PX);
            paint(canvas.getGraphicsContext2D(), picture, side.boxes(), colour);
            int n = side.boxes().size();
            Label name = new Label(side.name() + " · " + n + (n == 1 ? " box" : " boxes"));
            name.setTextFill(colour.darker());
            name.setStyle("-fx-font-weight: bold;");
            VBox panel = new VBox(4, name, canvas);
            panel.getStyleClass().add("agreement-side");
            sides.getChildren().add(panel);
        }
    }

    private void paint(GraphicsContext g, Image picture, List<Box> boxes, Color colour) {
        double scale = Math.min(SIDE_PX / picture.getWidth(), SIDE_PX / picture.getHeight());
        double ox = (SIDE_PX - picture.getWidth() * scale) / 2;
        double oy = (SIDE_PX - picture.getHeight() * scale) / 2;
        g.setFill(Color.web("#202020"));
        g.fillRect(0, 0, SIDE_PX, SIDE_PX);
        g.drawImage(picture, ox, oy, picture.getWidth() * scale, picture.getHeight() * scale);
        g.setLineWidth(2);
        g.setFont(javafx.scene.text.Font.font(10));
        for (Box b : boxes) {
            double x = ox + b.x() * scale;
            double y = oy + b.y() * scale;
            g.setStroke(colour);
            g.strokeRect(x, y, b.w() * scale, b.h() * scale);
            g.setFill(colour);
            String text = vm.labelName(b.labelId());
            g.fillRect(x, Math.max(0, y - 12), 6 * text.length() + 4, 12);
            g.setFill(Color.WHITE);
            g.fillText(text, x + 2, Math.max(10, y - 2));
        }
    }
}
