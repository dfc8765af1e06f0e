package dev.loupe.ui.explore;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Consumer;

/**
 * Explore: a scatter of two image metrics (entropy against index by default) where a dragged rectangle selects
 * images for the gallery, and a histogram of box sizes relative to their image for one label.
 */
public final class ExploreView extends BorderPane {
    private final ExploreViewModel vm;
    private final ScatterPlot scatter = new ScatterPlot();
    private final HistogramPlot histogram = new HistogramPlot();
    private final ComboBox<String> xAxis = new ComboBox<>();
    private final ComboBox<String> yAxis = new ComboBox<>();
    private final ComboBox<String> label = new ComboBox<>();
    private final Button show = new Button("Show in gallery");
    private long[] selection = new long[0];

    public ExploreView(ExploreViewModel vm, Consumer<long[]> showInGallery) {
        this.vm = vm;
        setPadding(new Insets(10));
        scatter.setId("scatter");
        histogram.setId("histogram");
        xAxis.getItems().setAll(vm.axisNames());
        yAxis.getItems().setAll(vm.axisNames());
        xAxis.setValue(ImageAxis.INDEX.title);
        yAxis.setValue(ImageAxis.GRAY_ENTROPY.title);
        xAxis.setOnAction(e -> plotImages());
        yAxis.setOnAction(e -> plotImages());
        List<String> labels = vm.boxLabels();
        label.getItems().setAll(labels);
        label.setValue(labels.contains("person") ? "person" : labels.isEmpty() ? null : labels.get(0));
        label.setOnAction(e -> plotBoxes());
        show.setId("showSelection");
        show.setDisable(true);
        show.getStyleClass().add("accent");
        show.setOnAction(e -> showInGallery.accept(selection));
        scatter.setOnSelect(rect -> {
            selection = vm.select(xAxis.getValue(), yAxis.getValue(), rect);
            boolean[] marks = new boolean[vm.images().size()];
            java.util.Set<Long> chosen = new java.util.HashSet<>();
            for (long id : selection) {
                chosen.add(id);
            }
            for (int i = 0; i < marks.length; i++) {
                marks[i] = chosen.contains(vm.images().get(i).imageId());
            }
            scatter.setSelected(marks);
            show.setText("Show " + selection.length + " in gallery");
            show.setDisable(selection.length == 0);
        });
        Label hint = new Label("drag: select · wheel: zoom · right-drag: pan");
        hint.getStyleClass().add("muted");
        HBox bar = new HBox(8, yAxis, new Label("against"), xAxis, show);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox boxBar = new HBox(8, new Label("Box size relative to its image, %:"), label);
        boxBar.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(6, bar, hint, scatter);
        VBox right = new VBox(6, boxBar, histogram);
        VBox.setVgrow(scatter, Priority.ALWAYS);
        VBox.setVgrow(histogram, Priority.ALWAYS);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        left.setPrefWidth(640);
        right.setPrefWidth(460);
        setCenter(new HBox(12, left, right));
        plotImages();
        plotBoxes();
    }

    private void plotImages() {
        scatter.setAxisLabels(xAxis.getValue(), yAxis.getValue());
        scatter.setData(vm.axis(xAxis.getValue()), vm.axis(yAxis.getValue()));
        selection = new long[0];
        show.setDisable(true);
    }

    private void plotBoxes() {
        histogram.setAxisLabels("relative area (%)", "boxes");
        histogram.setData(label.getValue() == null ? new double[0] : vm.relativeAreasPercent(label.getValue()), 40);
    }
}
