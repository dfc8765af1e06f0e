package dev.loupe.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Drives benchmarks on the FX thread: one step per pulse, with frame intervals and step times recorded. */
final class FrameTimer {

    @FunctionalInterface
    interface Step {
        void frame(int i);
    }

    private FrameTimer() {
    }

    /** Runs work on the FX thread and waits for its result. */
    static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    /** [frame intervals (n - 1), step times (n)] in milliseconds. Call from a thread other than the FX thread. */
    static double[][] run(int n, Step step) throws Exception {
        CompletableFuture<double[][]> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            double[] intervals = new double[n - 1];
            double[] handler = new double[n];
            new AnimationTimer() {
                private int i;
                private long last;

                @Override
                public void handle(long now) {
                    if (i > 0) {
                        intervals[i - 1] = (now - last) / 1e6;
                    }
                    last = now;
                    long t = System.nanoTime();
                    try {
                        step.frame(i);
                    } catch (RuntimeException e) {
                        stop();
                        done.completeExceptionally(e);
                        return;
                    }
                    handler[i] = (System.nanoTime() - t) / 1e6;
                    if (++i == n) {
                        stop();
                        done.complete(new double[][]{intervals, handler});
                    }
                }
            }.start();
        });
        return done.get(10, TimeUnit.MINUTES);
    }
}
