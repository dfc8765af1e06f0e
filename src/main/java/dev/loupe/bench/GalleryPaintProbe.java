package dev.loupe.bench;

import dev.loupe.jobs.JobRunner;
import dev.loupe.project.Workspace;
import dev.loupe.ui.app.LoupeApplication;
import dev.loupe.ui.app.MainView;
import dev.loupe.ui.app.MainViewModel;
import dev.loupe.ui.common.FxJobs;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drives the real main window: time from opening a project to its first gallery page fully painted
 * (thumbnails made on the fly, then from the disk cache), frame intervals while scrolling through the whole
 * gallery one screen per frame, and the heap left after that scroll.
 */
final class GalleryPaintProbe {
    interface Log {
        void log(String format, Object... args);
    }

    private final Path project;
    private final Path workspace;
    private MainViewModel vm;
    private MainView view;
    private Stage stage;

    GalleryPaintProbe(Path project, Path workspace) {
        this.project = project;
        this.workspace = workspace;
    }

    static boolean hasDisplay() {
        return System.getenv("DISPLAY") != null || "Monocle".equals(System.getProperty("glass.platform"));
    }

    Map<String, Object> run(Log log) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        JobRunner runner = JobRunner.background(2);
        double cold = openAndWaitForFirstPage(runner);
        double warm = openAndWaitForFirstPage(runner);
        out.put("openToFirstPageColdMs", GalleryBench.round(cold));
        out.put("openToFirstPageWarmMs", GalleryBench.round(warm));
        log.log("open project -> first gallery page painted: %.0f ms (thumbnails made now), %.0f ms (cached)", cold, warm);

        List<Double> frames = scrollToEnd();
        double[] f = frames.stream().mapToDouble(Double::doubleValue).toArray();
        java.util.Arrays.sort(f);
        out.put("scrollFrames", f.length);
        out.put("scrollFrameMsMedian", GalleryBench.round(f[f.length / 2]));
        out.put("scrollFrameMsP95", GalleryBench.round(f[(int) (f.length * 0.95)]));
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        double heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
        out.put("heapAfterScrollMb", GalleryBench.round(heapMb));
        log.log("scrolled %d frames (one screen each): median %.1f ms, p95 %.1f ms per frame; heap after GC %.0f MB",
                f.length, f[f.length / 2], f[(int) (f.length * 0.95)], heapMb);
        FrameTimer.onFx(() -> {
            vm.close();
            return null;
        });
        runner.close();
        Platform.exit();
        return out;
    }

    /**
     * Shows a new main window, as at application start, opens the project in it and returns milliseconds
     * until a pulse finds every visible tile painted. A window left from an earlier measurement is closed.
     */
    private double openAndWaitForFirstPage(JobRunner runner) throws Exception {
        CompletableFuture<Double> painted = new CompletableFuture<>();
        FrameTimer.onFx(() -> {
            if (stage != null) {
                stage.close();
                vm.close();
            }
            vm = new MainViewModel(new Workspace(workspace), new FxJobs(runner));
            view = new MainView(vm);
            stage = new Stage();
            stage.setScene(LoupeApplication.createScene(view));
            stage.show();
            long t0 = System.nanoTime();
            vm.openProject(project);
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (vm.projectProperty().get() != null && view.gallery().isPageLoaded()) {
                        stop();
                        painted.complete((System.nanoTime() - t0) / 1e6);
                    }
                }
            }.start();
            return null;
        });
        return painted.get(120, TimeUnit.SECONDS);
    }

    /** Scrolls one screen per frame to the end; returns the frame intervals in ms. */
    private List<Double> scrollToEnd() throws Exception {
        CompletableFuture<List<Double>> done = new CompletableFuture<>();
        FrameTimer.onFx(() -> {
            VirtualFlow<?> flow = (VirtualFlow<?>) view.gallery().rowsView().lookup(".virtual-flow");
            int lastRow = view.gallery().rowsView().getItems().size() - 1;
            if (lastRow < 1) {
                throw new IllegalStateException("the gallery shows " + (lastRow + 1) + " rows; nothing to scroll");
            }
            List<Double> frames = new ArrayList<>();
            new AnimationTimer() {
                private long last;

                @Override
                public void handle(long now) {
                    if (last != 0) {
                        frames.add((now - last) / 1e6);
                    }
                    last = now;
                    var lastCell = flow.getLastVisibleCell();
                    if (lastCell != null && lastCell.getIndex() >= lastRow) {
                        stop();
                        done.complete(frames);
                        return;
                    }
                    flow.scrollPixels(flow.getHeight());
                }
            }.start();
            return null;
        });
        return done.get(30, TimeUnit.MINUTES);
    }

}
