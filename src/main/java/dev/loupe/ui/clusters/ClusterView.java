package dev.loupe.ui.clusters;

import dev.loupe.augment.AugmentRanges;
import dev.loupe.augment.RebalancePlan;
import dev.loupe.cluster.ClusterReport;
import dev.loupe.core.BoxCluster;
import dev.loupe.ui.plot.PlotRegion;
import dev.loupe.ui.plot.ScatterPlot;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The cluster view: the boxes' UMAP coloured by cluster (augmented copies in red), the cluster table (a click
 * shows the cluster's images), clustering settings, and one-click rebalancing with a preview of the plan.
 */
public final class ClusterView extends BorderPane {
    /** Cluster colours without red, which marks augmented copies as in the reference's plot. */
    static final int[] CLUSTER_COLOURS = {0xFF4E79A7, 0xFFF28E2B, 0xFF76B7B2, 0xFF59A14F, 0xFFEDC948, 0xFFB07AA1,
            0xFF9C755F, 0xFFBAB0AC, 0xFF86BCB6, 0xFFD4A6C8};
    static final int AUGMENTED_RED = 0xFFE0242B;

    private final ClusterViewModel vm;
    private final ScatterPlot umap = new ScatterPlot();
    private final TableView<ClusterReport.Cluster> table = new TableView<>();
    private final ComboBox<String> label = new ComboBox<>();
    private final ComboBox<String> task = new ComboBox<>();
    private final Spinner<Integer> k = new Spinner<>(2, 12, 4);
    private final Spinner<Integer> target = new Spinner<>(1, 1_000_000, 100, 50);
    private final CheckBox allOps = new CheckBox("flip, rotate, crop, HSV, blur, noise too");
    private final Label summary = new Label();
    private final Label planText = new Label();
    private final Button rebalance = new Button("Rebalance");
    private final Button showSelection = new Button("Show selection in gallery");
    private final Consumer<long[]> showInGallery;
    private List<BoxCluster> plotted = List.of();
    private long[] selection = new long[0];
    private RebalancePlan plan;

    /**
     * @param thumbnail an image's thumbnail for the hover card, or null
     * @param confirm   asks the user to confirm a text (the plan) and returns the answer
     */
    public ClusterView(ClusterViewModel vm, Consumer<long[]> showInGallery, LongFunction<Image> thumbnail,
                       Function<String, Boolean> confirm) {
        this.vm = vm;
        this.showInGallery = showInGallery;
        setPadding(new Insets(10));
        umap.setId("umap");
        table.setId("clusterTable");
        rebalance.setId("rebalance");
        rebalance.getStyleClass().add("accent");
        label.setId("clusterLabel");
        label.getItems().setAll(vm.labels());
        label.setValue(vm.labels().contains("person") ? "person" : vm.labels().isEmpty() ? null : vm.labels().get(0));
        List<String> tasks = new ArrayList<>(List.of("any task"));
        tasks.addAll(vm.tasks());
        task.getItems().setAll(tasks);
        task.setValue(tasks.size() > 1 ? tasks.get(1) : tasks.get(0));
        Button run = new Button("Cluster");
        run.setId("runClustering");
        run.getStyleClass().add("accent");
        run.setOnAction(e -> vm.cluster(vm.settings(label.getValue(),
                "any task".equals(task.getValue()) ? null : task.getValue(), k.getValue())));
        k.setPrefWidth(70);
        target.setPrefWidth(110);
        target.setEditable(true);
        k.setEditable(true);
        HBox settings = new HBox(8, new Label("Boxes labelled"), label, new Label("in"), task, new Label("k"), k, run);
        settings.setAlignment(Pos.CENTER_LEFT);

        umap.setAxisLabels("UMAP 1", "UMAP 2");
        umap.setPalette(CLUSTER_COLOURS);
        umap.setHoverCard(i -> describe(plotted.get(i)), i -> thumbnail.apply(plotted.get(i).imageId()));
        umap.setOnSelect(this::select);
        showSelection.setDisable(true);
        showSelection.setOnAction(e -> showInGallery.accept(selection));
        Label hint = new Label("drag: select · shift-drag: lasso · wheel: zoom · right-drag: pan");
        hint.getStyleClass().add("muted");
        VBox left = new VBox(6, settings, summary, new HBox(8, showSelection, hint), umap);
        VBox.setVgrow(umap, Priority.ALWAYS);
        HBox.setHgrow(left, Priority.ALWAYS);
        left.setPrefWidth(700);

        buildTable();
        target.valueProperty().addListener((obs, o, n) -> preview());
        allOps.selectedProperty().addListener((obs, o, n) -> preview());
        rebalance.setOnAction(e -> {
            if (plan != null && confirm.apply(planText.getText())) {
                rebalance.setDisable(true);
                vm.rebalance(plan, allOps.isSelected() ? AugmentRanges.all() : AugmentRanges.reference(),
                        r -> summary.setText(String.format("Made %,d copies with %,d boxes in %.1f s (%,d boxes dropped, "
                                + "pushed out of the image)%s", r.copies(), r.boxes(), r.seconds(), r.droppedBoxes(),
                                r.failed().isEmpty() ? "" : String.format("; %d not made, e.g. %s: %s",
                                        r.failed().size(), r.failed().get(0).item(), r.failed().get(0).reason()))));
            }
        });
        Label rebalanceTitle = new Label("Rebalance: augment every cluster to");
        rebalanceTitle.getStyleClass().add("section-title");
        HBox targetRow = new HBox(8, target, new Label("images"));
        targetRow.setAlignment(Pos.CENTER_LEFT);
        planText.setWrapText(true);
        planText.setId("planText");
        VBox right = new VBox(8, table, rebalanceTitle, targetRow, new Label("brightness × 1.1–1.5, translate ±60 px, "
                + "scale 0.5–0.8"), allOps, planText, rebalance);
        right.setPrefWidth(420);
        VBox.setVgrow(table, Priority.ALWAYS);
        setCenter(new HBox(12, left, right));
        vm.stateProperty().addListener((obs, o, s) -> show(s));
        show(vm.stateProperty().get());
    }

    private void buildTable() {
        TableColumn<ClusterReport.Cluster, Integer> cluster = new TableColumn<>("cluster");
        cluster.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().cluster()));
        cluster.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Integer c, boolean empty) {
                super.updateItem(c, empty);
                if (empty || c == null) {
                    setText(null);
                    setGraphic(null);
                } else {
                    setText(Integer.toString(c));
                    setGraphic(new Rectangle(10, 10, argb(CLUSTER_COLOURS[c % CLUSTER_COLOURS.length])));
                }
            }
        });
        table.getColumns().add(cluster);
        table.getColumns().add(count("objects", ClusterReport.Cluster::objects));
        table.getColumns().add(count("images", ClusterReport.Cluster::images));
        table.getColumns().add(count("copies", ClusterReport.Cluster::augmentedImages));
        table.getColumns().add(count("total", ClusterReport.Cluster::totalImages));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Not clustered yet: choose a label and press Cluster"));
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, c) -> {
            if (c != null) {
                showInGallery.accept(vm.imagesOf(c.cluster()));
            }
        });
    }

    private static TableColumn<ClusterReport.Cluster, Integer> count(String title,
                                                                     java.util.function.ToIntFunction<ClusterReport.Cluster> f) {
        TableColumn<ClusterReport.Cluster, Integer> col = new TableColumn<>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(f.applyAsInt(c.getValue())));
        col.setStyle("-fx-alignment: CENTER-RIGHT;");
        return col;
    }

    private void show(ClusterViewModel.State s) {
        if (s == null) {
            summary.setText("Cluster the boxes of one label on [R, G, B mean, gray std, gray entropy, relative area].");
            rebalance.setDisable(true);
            return;
        }
        ClusterReport r = s.report();
        table.getItems().setAll(r.clusters());
        k.getValueFactory().setValue(r.k());
        plotted = s.run().boxes().stream().filter(b -> !Double.isNaN(b.umapX())).toList();
        double[] x = plotted.stream().mapToDouble(BoxCluster::umapX).toArray();
        double[] y = plotted.stream().mapToDouble(BoxCluster::umapY).toArray();
        int augmentedCode = r.k();
        int[] codes = plotted.stream().mapToInt(b -> s.copyIds().contains(b.imageId()) ? augmentedCode
                : b.cluster()).toArray();
        List<String> names = new ArrayList<>();
        int[] palette = new int[r.k() + 1];
        for (int c = 0; c < r.k(); c++) {
            names.add("cluster " + c);
            palette[c] = CLUSTER_COLOURS[c % CLUSTER_COLOURS.length];
        }
        if (!s.copies().isEmpty()) {
            names.add("augmented");
        }
        palette[r.k()] = AUGMENTED_RED;
        umap.setPalette(palette);
        umap.setData(x, y, codes, names);
        StringBuilder text = new StringBuilder(String.format("%,d boxes in %d clusters", r.boxes(), r.k()));
        if (r.leftOutByUmap() > 0) {
            text.append(String.format(" · %,d not placed by UMAP (disconnected), still clustered", r.leftOutByUmap()));
        }
        if (r.suggestedK() > 0) {
            text.append(String.format(" · suggested k: %d (silhouette %.2f)", r.suggestedK(),
                    r.silhouetteByK().get(r.suggestedK())));
        }
        summary.setText(text.toString());
        int largest = r.clusters().stream().mapToInt(ClusterReport.Cluster::totalImages).max().orElse(1);
        if (plan == null) {
            target.getValueFactory().setValue(largest);
        }
        rebalance.setDisable(false);
        preview();
    }

    private void preview() {
        if (vm.stateProperty().get() == null) {
            return;
        }
        plan = vm.plan(target.getValue(), 1);
        StringBuilder s = new StringBuilder();
        int total = 0;
        for (RebalancePlan.ClusterPlan c : plan.clusters()) {
            s.append(String.format("cluster %d: %,d images + %,d copies → %,d%n", c.cluster(),
                    c.images() + c.existingCopies(), c.plannedCopies(), c.after()));
            total += c.plannedCopies();
        }
        s.append(String.format("%,d new augmented images", total));
        planText.setText(s.toString());
        rebalance.setDisable(total == 0);
    }

    private void select(PlotRegion region) {
        selection = plotted.stream().filter(b -> region.contains(b.umapX(), b.umapY())).mapToLong(BoxCluster::imageId)
                .distinct().sorted().toArray();
        boolean[] marks = new boolean[plotted.size()];
        for (int i = 0; i < marks.length; i++) {
            marks[i] = region.contains(plotted.get(i).umapX(), plotted.get(i).umapY());
        }
        umap.setSelected(marks);
        showSelection.setText(String.format("Show %,d images in gallery", selection.length));
        showSelection.setDisable(selection.length == 0);
    }

    private String describe(BoxCluster b) {
        ClusterViewModel.State s = vm.stateProperty().get();
        return "box " + b.boxId() + " · image " + b.imageId() + "\ncluster " + b.cluster()
                + (s.copyIds().contains(b.imageId()) ? " (augmented copy)" : "");
    }

    private static Color argb(int c) {
        return Color.rgb((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF);
    }
}
