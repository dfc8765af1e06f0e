package dev.loupe.bench;

import dev.loupe.ui.app.LoupeApplication;
import dev.loupe.ui.plot.ScatterPlot;
import javafx.application.Platform;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Scatter-plot redraw time with 100,000 and 1,000,000 points: one full redraw per frame. Needs a display. */
@Command(name = "plot", mixinStandardHelpOptions = true, description = "Scatter plot redraw times for 100k and 1M points.")
final class PlotBench implements Callable<Integer> {

    @Option(names = "--frames", defaultValue = "30")
    int frames;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false); // each measurement closes its window; the toolkit must outlive them
        Map<String, Object> out = new LinkedHashMap<>();
        for (int n : new int[]{100_000, 1_000_000}) {
            double[][] t = measure(n);
            out.put("points" + n + "RedrawMs", GalleryBench.round(GalleryBench.median(t[1])));
            out.put("points" + n + "FrameMs", GalleryBench.round(GalleryBench.median(t[0])));
        }
        Platform.exit();
        BenchOutput.print(out, json);
        return 0;
    }

    /** [frame intervals, time spent issuing the redraw] in ms, over the given number of frames. */
    private double[][] measure(int n) throws Exception {
        SplittableRandom rnd = new SplittableRandom(n);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 6 + 2 * rnd.nextDouble() * rnd.nextDouble();
        }
        ScatterPlot plot = new ScatterPlot();
        Stage stage = FrameTimer.onFx(() -> {
            Stage st = new Stage();
            st.setScene(LoupeApplication.createScene(new StackPane(plot)));
            st.show();
            plot.setData(x, y, clusters(x.length), List.of("0", "1", "2", "3"));
            return st;
        });
        double[][] r = FrameTimer.run(frames, i -> plot.redraw());
        FrameTimer.onFx(() -> {
            stage.close();
            return null;
        });
        Arrays.sort(r[0]);
        return r;
    }

    /** Four colour categories, as a k = 4 cluster view draws them. */
    private static int[] clusters(int n) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = i % 4;
        }
        return c;
    }
}
