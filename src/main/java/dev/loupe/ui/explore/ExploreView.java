package dev.loupe.ui.explore;

import dev.loupe.ui.plot.PlotCanvas;
import dev.loupe.ui.plot.ScatterPlot;
import dev.loupe.ui.plot.HistogramPlot;
import dev.loupe.metrics.PointTable;
import dev.loupe.metrics.PointTables;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Explore: a scatter of any two metrics of the images or boxes (entropy against index by default), coloured
 * by a category, where a rectangle or lasso selects images for the gallery and a click opens one; beside it a
 * histogram of box sizes relative to their image for one label. Both plots export as PNG, the points as CSV.
 */
public final class ExploreView extends BorderPane {
    private static final String NO_COLOUR = "no colour";

    private final ExploreViewModel vm;
    private final ScatterPlot scatter = new ScatterPlot();
    private final HistogramPlot histogram = new HistogramPlot();
    private final ComboBox<PointTable.Kind> points = new ComboBox<>();
    private final ComboBox<String> xAxis = new ComboBox<>();
    private final ComboBox<String> yAxis = new ComboBox<>();
    private final ComboBox<String> colour = new ComboBox<>();
    private final ComboBox<String> label = new ComboBox<>();
    private final Button show = new Button("Show in gallery");
    private final Label status = new Label();
    private final Function<String, Optional<Path>> saveAs;
    private PointTable table;
    private int[] selection = new int[0];

    /**
     * @param showInGallery receives the selected images' ids
     * @param openImage     opens one image (a click on its point)
     * @param thumbnail     an image's thumbnail for the hover card, or null
     * @param saveAs        asks where to save a file with the suggested name
     */
    public ExploreView(ExploreViewModel vm, Consumer<long[]> showInGallery, Consumer<Long> openImage,
                       LongFunction<Image> thumbnail, Function<String, Optional<Path>> saveAs) {
        this.vm = vm;
        this.saveAs = saveAs;
        setPadding(new Insets(10));
        scatter.setId("scatter");
        histogram.setId("histogram");
        points.setId("points");
        colour.setId("colour");
        xAxis.setId("xAxis");
        yAxis.setId("yAxis");
        points.getItems().setAll(PointTable.Kind.values());
        points.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(PointTable.Kind k) {
                return k == null ? "" : k == PointTable.Kind.IMAGES ? "Images" : "Boxes";
            }

            @Override
            public PointTable.Kind fromString(String s) {
                return null;
            }
        });
        points.setValue(PointTable.Kind.IMAGES);
        points.setOnAction(e -> useTable());
        xAxis.setOnAction(e -> plot());
        yAxis.setOnAction(e -> plot());
        colour.setOnAction(e -> plot());
        List<String> labels = vm.boxLabels();
        label.getItems().setAll(labels);
        label.setValue(labels.contains("person") ? "person" : labels.isEmpty() ? null : labels.get(0));
        label.setOnAction(e -> plotBoxes());
        show.setId("showSelection");
        show.setDisable(true);
        show.getStyleClass().add("accent");
        show.setOnAction(e -> showInGallery.accept(table.imagesOf(selection)));
        scatter.setOnSelect(region -> select(ExploreViewModel.select(table, xAxis.getValue(), yAxis.getValue(), region)));
        scatter.setOnClick((x, y) -> {
            int i = scatter.pointAt(x, y);
            if (i >= 0) {
                openImage.accept(table.imageId(i));
            }
        });
        scatter.setHoverCard(this::describe, i -> thumbnail.apply(table.imageId(i)));

        Button png = new Button("PNG");
        png.setOnAction(e -> export("explore-scatter.png", f -> scatter.writePng(f)));
        Button csv = new Button("CSV");
        csv.setId("exportCsv");
        csv.setOnAction(e -> export("explore-points.csv", this::writeCsv));
        Button histogramPng = new Button("PNG");
        histogramPng.setOnAction(e -> export("explore-histogram.png", f -> histogram.writePng(f)));
        Label hint = new Label("drag: select · shift-drag: lasso · click: open image · wheel: zoom · right-drag: pan");
        hint.getStyleClass().add("muted");
        status.getStyleClass().add("muted");
        HBox bar = new HBox(8, points, yAxis, new Label("against"), xAxis);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox actions = new HBox(8, new Label("Colour by"), colour, show, new Label("Export:"), png, csv, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox boxBar = new HBox(8, new Label("Box size relative to its image, %:"), label, histogramPng);
        boxBar.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(6, bar, actions, hint, scatter);
        VBox right = new VBox(6, boxBar, histogram);
        VBox.setVgrow(scatter, Priority.ALWAYS);
        VBox.setVgrow(histogram, Priority.ALWAYS);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        left.setPrefWidth(680);
        right.setPrefWidth(420);
        setCenter(new HBox(12, left, right));
        useTable();
        plotBoxes();
    }

    /** Switches between image and box points, keeping the axes where the other table has them too. */
    private void useTable() {
        String x = xAxis.getValue();
        String y = yAxis.getValue();
        table = vm.table(points.getValue());
        List<String> axes = table.numericNames();
        xAxis.getItems().setAll(axes);
        yAxis.getItems().setAll(axes);
        List<String> colours = new ArrayList<>(List.of(NO_COLOUR));
        colours.addAll(table.categoryNames());
        colour.getItems().setAll(colours);
        boolean images = table.kind() == PointTable.Kind.IMAGES;
        xAxis.setValue(x != null && axes.contains(x) ? x : images ? PointTables.INDEX : PointTables.RELATIVE_AREA);
        yAxis.setValue(y != null && axes.contains(y) ? y : PointTables.GRAY_ENTROPY);
        colour.setValue(images ? NO_COLOUR : PointTables.LABEL);
        plot();
    }

    private void plot() {
        if (table.numeric(xAxis.getValue()) == null || table.numeric(yAxis.getValue()) == null) {
            return; // the combo boxes are being refilled for the other table
        }
        scatter.setAxisLabels(xAxis.getValue(), yAxis.getValue());
        PointTable.Category c = colour.getValue() == null || colour.getValue().equals(NO_COLOUR) ? null
                : table.category(colour.getValue());
        scatter.setData(table.numeric(xAxis.getValue()), table.numeric(yAxis.getValue()), c == null ? null : c.codes(),
                c == null ? null : c.names());
        select(new int[0]);
    }

    private void select(int[] chosen) {
        selection = chosen;
        boolean[] marks = new boolean[table.size()];
        for (int i : chosen) {
            marks[i] = true;
        }
        scatter.setSelected(marks);
        int images = table.imagesOf(chosen).length;
        show.setText(images == 0 ? "Show in gallery" : String.format("Show %,d image%s in gallery", images,
                images == 1 ? "" : "s"));
        show.setDisable(images == 0);
    }

    private String describe(int i) {
        StringBuilder s = new StringBuilder(table.kind() == PointTable.Kind.IMAGES ? "image " + table.imageId(i)
                : "box " + table.boxId(i) + " · image " + table.imageId(i));
        s.append('\n').append(yAxis.getValue()).append(": ").append(PlotCanvas.format(table.numeric(yAxis.getValue())[i]));
        s.append('\n').append(xAxis.getValue()).append(": ").append(PlotCanvas.format(table.numeric(xAxis.getValue())[i]));
        PointTable.Category c = table.category(colour.getValue());
        if (c != null && c.codes()[i] >= 0) {
            s.append('\n').append(colour.getValue()).append(": ").append(c.names().get(c.codes()[i]));
        }
        return s.toString();
    }

    /** The selected points, or all of them when nothing is selected. */
    int writeCsv(Path file) throws IOException {
        int[] rows = selection.length > 0 ? selection : java.util.stream.IntStream.range(0, table.size()).toArray();
        return table.writeCsv(file, rows);
    }

    private interface FileWriter {
        void write(Path file) throws IOException;
    }

    private void export(String suggestedName, FileWriter writer) {
        saveAs.apply(suggestedName).ifPresent(file -> {
            try {
                writer.write(file);
                status.setText("Saved " + file.getFileName());
            } catch (IOException e) {
                status.setText("Could not save " + file + ": " + e.getMessage());
            }
        });
    }

    private void plotBoxes() {
        histogram.setAxisLabels("relative area (%)", "boxes");
        histogram.setData(label.getValue() == null ? new double[0] : vm.relativeAreasPercent(label.getValue()), 40);
    }
}
