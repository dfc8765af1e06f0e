package dev.loupe.ui.explore;

import dev.loupe.ui.plot.PlotRegion;
import dev.loupe.jobs.JobContext;
import dev.loupe.metrics.MetricsJob;
import dev.loupe.metrics.PointTable;
import dev.loupe.metrics.PointTables;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** The plottable images and boxes of one dataset, loaded (metrics computed where missing) off the FX thread. */
public final class ExploreViewModel {
    private final PointTable images;
    private final PointTable boxes;

    ExploreViewModel(PointTable images, PointTable boxes) {
        this.images = images;
        this.boxes = boxes;
    }

    /** Computes missing metrics and loads them; call off the FX thread. */
    public static ExploreViewModel load(ProjectStore store, String dataset, JobContext ctx) throws Exception {
        new MetricsJob(store, dataset).run(ctx);
        long datasetId = store.requireDataset(dataset).id();
        PointTables.Tables tables = PointTables.load(store, datasetId);
        return new ExploreViewModel(tables.images(), tables.boxes());
    }

    PointTable table(PointTable.Kind kind) {
        return kind == PointTable.Kind.IMAGES ? images : boxes;
    }

    /** Labels that have boxes, for the relative-size histogram. */
    List<String> boxLabels() {
        PointTable.Category c = boxes.category(PointTables.LABEL);
        List<String> out = new ArrayList<>(c == null ? List.of() : c.names());
        out.sort(null);
        return out;
    }

    /** Relative areas (in %) of the boxes with this label. */
    double[] relativeAreasPercent(String label) {
        PointTable.Category c = boxes.category(PointTables.LABEL);
        int code = c.names().indexOf(label);
        double[] area = boxes.numeric(PointTables.RELATIVE_AREA);
        return IntStream.range(0, boxes.size()).filter(i -> c.codes()[i] == code).mapToDouble(i -> 100 * area[i])
                .toArray();
    }

    /** Points of the table whose (x, y) lies in the region; points missing either value never do. */
    static int[] select(PointTable table, String x, String y, PlotRegion region) {
        double[] xs = table.numeric(x);
        double[] ys = table.numeric(y);
        return IntStream.range(0, table.size()).filter(i -> region.contains(xs[i], ys[i])).toArray();
    }
}
