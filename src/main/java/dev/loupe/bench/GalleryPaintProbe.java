package dev.loupe.bench;

import dev.loupe.jobs.JobRunner;
import dev.loupe.project.Project;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drives the real main window and counts only fully painted screens: time from opening a project until every
 * visible tile shows its real thumbnail (thumbnails made on the fly, and from the disk cache), then the same for
 * screens spread over the whole gallery, each jumped to and waited for; medians (and p95 for the screens).
 */
final class GalleryPaintProbe {
    /** A desktop-sized window: a screen holds as many tiles as a user sees. */
    private static final double WINDOW_WIDTH = 1440;
    private static final double WINDOW_HEIGHT = 900;
    interface Log {
        void log(String format, Object... args);
    }

    private final Path project;
    private final Path workspace;
    private final int runs;
    private final int screens;
    private MainViewModel vm;
    private MainView view;
    private Stage stage;

    GalleryPaintProbe(Path project, Path workspace, int runs, int screens) {
        this.project = project;
        this.workspace = workspace;
        this.runs = runs;
        this.screens = screens;
    }

    static boolean hasDisplay() {
        return System.getenv("DISPLAY") != null || "Monocle".equals(System.getProperty("glass.platform"));
    }

    Map<String, Object> run(Log log) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false); // windows are closed and reopened between measurements
        JobRunner runner = JobRunner.background(2);
        double[] cold = new double[runs];
        double[] warm = new double[runs];
        for (int r = 0; r < runs; r++) {
            closeWindow();
            forgetThumbnails();
            cold[r] = openAndWaitForFirstPage(runner);
            closeWindow();
            warm[r] = openAndWaitForFirstPage(runner);
        }
        out.put("openToFirstPageColdMs", GalleryBench.round(GalleryBench.median(cold)));
        out.put("openToFirstPageWarmMs", GalleryBench.round(GalleryBench.median(warm)));
        log.log("open project -> first screen painted with real thumbnails: %.0f ms (thumbnails made now), %.0f ms "
                + "(from the disk cache); medians of %d", GalleryBench.median(cold), GalleryBench.median(warm), runs);

        closeWindow();
        forgetThumbnails();
        openAndWaitForFirstPage(runner);
        double[] firstVisit = screensUntilPainted();
        double[] secondVisit = screensUntilPainted();
        put(out, "screenPaintedColdMs", firstVisit);
        put(out, "screenPaintedWarmMs", secondVisit);
        log.log("%d screens over the gallery, jump -> every tile painted: median %.0f ms, p95 %.0f ms (thumbnails made "
                        + "now); median %.0f ms, p95 %.0f ms (second visit)", firstVisit.length, GalleryBench.median(firstVisit),
                GalleryBench.p95(firstVisit), GalleryBench.median(secondVisit), GalleryBench.p95(secondVisit));
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        double heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
        out.put("heapAfterScreensMb", GalleryBench.round(heapMb));
        log.log("heap after GC %.0f MB", heapMb);
        closeWindow();
        runner.close();
        Platform.exit();
        return out;
    }

    private static void put(Map<String, Object> out, String name, double[] values) {
        out.put(name + "Median", GalleryBench.round(GalleryBench.median(values)));
        out.put(name + "P95", GalleryBench.round(GalleryBench.p95(values)));
    }

    private void closeWindow() throws Exception {
        FrameTimer.onFx(() -> {
            if (stage != null) {
                stage.close();
                vm.close();
                stage = null;
            }
            return null;
        });
    }

    /** Deletes the project's thumbnail cache, so the next screens make their thumbnails from the images. */
    private void forgetThumbnails() throws Exception {
        GalleryBench.deleteTree(project.resolve(Project.CACHE).resolve("thumbnails"));
    }

    /** Shows a new main window, as at application start, opens the project and returns ms until it is painted. */
    private double openAndWaitForFirstPage(JobRunner runner) throws Exception {
        CompletableFuture<Double> painted = new CompletableFuture<>();
        FrameTimer.onFx(() -> {
            vm = new MainViewModel(new Workspace(workspace), new FxJobs(runner));
            view = new MainView(vm);
            stage = new Stage();
            stage.setScene(LoupeApplication.createScene(view));
            stage.setWidth(WINDOW_WIDTH);
            stage.setHeight(WINDOW_HEIGHT);
            stage.show();
            long t0 = System.nanoTime();
            vm.openProject(project);
            whenPainted(t0, -1, painted);
            return null;
        });
        return painted.get(120, TimeUnit.SECONDS);
    }

    /**
     * Completes with ms since {@code t0} at the first pulse that finds every visible tile painted, with {@code row}
     * (unless -1) among the visible rows: the cells of the screen before a jump do not count.
     */
    private void whenPainted(long t0, int row, CompletableFuture<Double> painted) {
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (vm.projectProperty().get() != null && shows(row) && view.gallery().isPageLoaded()) {
                    stop();
                    painted.complete((System.nanoTime() - t0) / 1e6);
                }
            }
        }.start();
    }

    private boolean shows(int row) {
        if (row < 0) {
            return true;
        }
        VirtualFlow<?> flow = (VirtualFlow<?>) view.gallery().rowsView().lookup(".virtual-flow");
        return flow.getFirstVisibleCell() != null && flow.getFirstVisibleCell().getIndex() <= row
                && flow.getLastVisibleCell().getIndex() >= row;
    }

    /** Jumps to screens spread evenly from the top to the end of the gallery; ms until each is fully painted. */
    private double[] screensUntilPainted() throws Exception {
        int rows = FrameTimer.onFx(() -> view.gallery().rowsView().getItems().size());
        // a jump puts its row at the top of the screen, so the last screen starts a screen above the end
        int perScreen = FrameTimer.onFx(() -> {
            VirtualFlow<?> flow = (VirtualFlow<?>) view.gallery().rowsView().lookup(".virtual-flow");
            return flow.getLastVisibleCell().getIndex() - flow.getFirstVisibleCell().getIndex() + 1;
        });
        int lastTop = rows - perScreen;
        if (lastTop < 1) {
            throw new IllegalStateException("the gallery shows " + rows + " rows, one screen; nothing to scroll");
        }
        double[] out = new double[screens];
        for (int s = 0; s < screens; s++) {
            int row = (int) ((long) s * lastTop / Math.max(1, screens - 1));
            CompletableFuture<Double> painted = new CompletableFuture<>();
            FrameTimer.onFx(() -> {
                VirtualFlow<?> flow = (VirtualFlow<?>) view.gallery().rowsView().lookup(".virtual-flow");
                long t0 = System.nanoTime();
                flow.scrollTo(row);
                whenPainted(t0, row, painted);
                return null;
            });
            try {
                out[s] = painted.get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                String shown = FrameTimer.onFx(() -> {
                    VirtualFlow<?> flow = (VirtualFlow<?>) view.gallery().rowsView().lookup(".virtual-flow");
                    return flow.getFirstVisibleCell().getIndex() + ".." + flow.getLastVisibleCell().getIndex();
                });
                throw new IllegalStateException("the screen at row " + row + " of " + rows + " was not painted within "
                        + "120 s (rows " + shown + " shown)", e);
            }
        }
        return out;
    }
}
