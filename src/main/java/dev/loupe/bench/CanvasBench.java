package dev.loupe.bench;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.NewBox;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.ui.app.LoupeApplication;
import dev.loupe.ui.review.ReviewCanvas;
import dev.loupe.ui.review.ReviewView;
import dev.loupe.ui.review.ReviewViewModel;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The review canvas with N boxes on a 4000 x 3000 image: frame times while a box is dragged and while the view
 * zooms (real mouse and scroll events through the canvas's own handlers, one per frame), and the time to switch
 * to the next image when it has been prefetched (median of several switches). Needs a display (xvfb-run on a
 * server).
 */
@Command(name = "canvas", mixinStandardHelpOptions = true, description = "Review canvas frame times (JSON field frameMs).")
final class CanvasBench implements Callable<Integer> {

    @Option(names = "--boxes", defaultValue = "2000")
    int boxes;

    @Option(names = "--frames", defaultValue = "180")
    int frames;

    @Option(names = "--switches", defaultValue = "7", description = "Image switches timed (default ${DEFAULT-VALUE}).")
    int switches;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("loupe-bench-canvas");
        for (int i = 0; i <= switches; i++) {
            ImageIO.write(picture(4000, 3000, i), "jpg", work.resolve("big" + i + ".jpg").toFile());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        try (Project p = Project.create(work.resolve("project"))) {
            new ImportImagesJob(p.store(), "bench", ImportSources.fromFolder(work),
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofSeconds(1))).run(JobContext.silent());
            long[] ids = p.store().imageIds(ImageFilter.all(1));
            long task = p.store().task("bench", "").id();
            long label = p.store().label("person").id();
            SplittableRandom rnd = new SplittableRandom(3);
            List<NewBox> list = new ArrayList<>();
            for (long id : ids) {
                for (int k = 0; k < boxes; k++) {
                    list.add(new NewBox(id, task, label, rnd.nextInt(3900), rnd.nextInt(2900), 20 + rnd.nextInt(80),
                            40 + rnd.nextInt(100), Source.MODEL, rnd.nextDouble(), ReviewStatus.PENDING, ""));
                }
            }
            p.store().addBoxes(list);
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.startup(() -> started.complete(null));
            started.get(30, TimeUnit.SECONDS);
            ReviewViewModel vm = FrameTimer.onFx(() -> new ReviewViewModel(p.store(), ids, 0, "bench"));
            ReviewView view = FrameTimer.onFx(() -> {
                Stage stage = new Stage();
                ReviewView v = new ReviewView(vm);
                stage.setScene(LoupeApplication.createScene(v));
                stage.show();
                return v;
            });
            waitFor(() -> vm.imageProperty().get() != null);
            ReviewCanvas canvas = view.canvas();
            long target = FrameTimer.onFx(() -> vm.boxes().get(0).id());
            FrameTimer.onFx(() -> {
                vm.select(target);
                return null;
            });
            double[][] drag = FrameTimer.run(frames, i -> {
                var b = vm.boxes().stream().filter(x -> x.id() == target).findFirst().orElseThrow();
                double sx = canvas.screenX(b.x() + b.w() / 2);
                double sy = canvas.screenY(b.y() + b.h() / 2);
                if (i == 0) {
                    Event.fireEvent(canvas, mouse(MouseEvent.MOUSE_PRESSED, sx, sy));
                }
                Event.fireEvent(canvas, mouse(MouseEvent.MOUSE_DRAGGED, sx + i, sy + i / 2.0));
                if (i == frames - 1) {
                    Event.fireEvent(canvas, mouse(MouseEvent.MOUSE_RELEASED, sx + i, sy + i / 2.0));
                }
            });
            double[][] zoom = FrameTimer.run(frames, i -> Event.fireEvent(canvas, new ScrollEvent(ScrollEvent.SCROLL, 400, 300, 400, 300,
                    false, false, false, false, false, false, 0, i < frames / 2 ? 40 : -40, 0, 0,
                    ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null)));
            out.put("boxes", boxes);
            out.put("imageSize", "4000x3000");
            out.put("frameMs", GalleryBench.round(GalleryBench.median(drag[0])));
            out.put("dragFrameMsP95", GalleryBench.round(GalleryBench.p95(drag[0])));
            out.put("dragHandlerMs", GalleryBench.round(GalleryBench.median(drag[1])));
            out.put("zoomFrameMs", GalleryBench.round(GalleryBench.median(zoom[0])));
            out.put("zoomFrameMsP95", GalleryBench.round(GalleryBench.p95(zoom[0])));
            out.put("zoomHandlerMs", GalleryBench.round(GalleryBench.median(zoom[1])));
            double[] switchMs = new double[switches];
            for (int k = 0; k < switches; k++) {
                Thread.sleep(1500); // let the next image's prefetch finish, as it would while a reviewer works
                int next = k + 1;
                long t = System.nanoTime();
                FrameTimer.onFx(() -> {
                    vm.next();
                    return null;
                });
                waitFor(() -> vm.imageProperty().get() != null && vm.session().index() == next);
                switchMs[k] = (System.nanoTime() - t) / 1e6;
            }
            out.put("switchMs", GalleryBench.round(GalleryBench.median(switchMs)));
            out.put("switchMsMax", GalleryBench.round(Arrays.stream(switchMs).max().orElse(0)));
            out.put("switches", switches);
            FrameTimer.onFx(() -> {
                vm.close();
                return null;
            });
            Platform.exit();
        }
        BenchOutput.print(out, json);
        return 0;
    }

    /** A busy picture, so the image costs what a photo costs to draw. */
    private static BufferedImage picture(int w, int h, int seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color((60 + seed * 40) % 256, 90, 140), w, h, new Color(220, 200, 150)));
        g.fillRect(0, 0, w, h);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < 400; i++) {
            g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)));
            g.fillOval(rnd.nextInt(w), rnd.nextInt(h), 20 + rnd.nextInt(200), 20 + rnd.nextInt(200));
        }
        g.dispose();
        return img;
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type, double x, double y) {
        return new MouseEvent(type, x, y, x, y, MouseButton.PRIMARY, 1, false, false, false, false, true, false, false,
                true, false, false, null);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!FrameTimer.onFx(condition::getAsBoolean)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(10);
        }
    }

}
