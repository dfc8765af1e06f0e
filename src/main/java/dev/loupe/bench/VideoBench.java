package dev.loupe.bench;

import dev.loupe.video.VideoClip;
import dev.loupe.video.VideoException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Video decoding: every frame of a clip decoded to 8-bit BGR images by Loupe, against the {@code ffmpeg} command line
 * decoding and converting the same clip to the same pixel format on the same number of threads (goal: at least 0.8x);
 * seeking: the time to a frame after a jump to a random one, p50 and p95; and scrubbing: the time to the key frame
 * before it, which a dragged timeline shows. Medians of several runs.
 */
@Command(name = "video", mixinStandardHelpOptions = true,
        description = "Decode speed against the ffmpeg command line on the same clip and threads, and seek latency.")
final class VideoBench implements Callable<Integer> {

    @Option(names = "--clip", required = true, description = "A clip (e.g. ../shared/data/video/*.mp4).")
    Path clip;

    @Option(names = "--threads", defaultValue = "0", description = "Decoder threads (default: one per core).")
    int threads;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per figure; medians are reported (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seeks", defaultValue = "200", description = "Random seeks measured (default ${DEFAULT-VALUE}).")
    int seeks;

    @Option(names = "--ffmpeg", defaultValue = "ffmpeg", description = "The ffmpeg command (default ${DEFAULT-VALUE}).")
    String ffmpeg;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        double[] loupe = new double[runs];
        double[] reference = new double[runs];
        int frames = 0;
        decodeAll(n); // warm-up: natives loaded, file in the page cache, JIT
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            frames = decodeAll(n);
            loupe[r] = frames / seconds(t);
            t = System.nanoTime();
            runFfmpeg(n);
            reference[r] = frames / seconds(t);
            System.err.printf("run %d: Loupe %.0f frames/s, ffmpeg %.0f frames/s on %d threads%n", r + 1, loupe[r],
                    reference[r], n);
        }
        double[] seekMs = seekTimes(n, false);
        double[] scrubMs = seekTimes(n, true);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("frames", frames);
        figures.put("threads", n);
        figures.put("decodeFps", GalleryBench.round(GalleryBench.median(loupe)));
        figures.put("ffmpegFps", GalleryBench.round(GalleryBench.median(reference)));
        figures.put("decodeRatio", GalleryBench.round(GalleryBench.median(loupe) / GalleryBench.median(reference)));
        figures.put("seekP50Ms", GalleryBench.round(percentile(seekMs, 50)));
        figures.put("seekP95Ms", GalleryBench.round(percentile(seekMs, 95)));
        figures.put("scrubP50Ms", GalleryBench.round(percentile(scrubMs, 50)));
        figures.put("scrubP95Ms", GalleryBench.round(percentile(scrubMs, 95)));
        BenchOutput.print(figures, json);
        return 0;
    }

    private int decodeAll(int n) throws VideoException {
        try (VideoClip c = VideoClip.open(clip, n)) {
            int frames = c.info().frames();
            for (int i = 0; i < frames; i++) {
                c.frame(i);
            }
            return frames;
        }
    }

    /** The command line's decode and conversion to the same pixels, output thrown away. */
    private void runFfmpeg(int n) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ffmpeg, "-v", "error", "-nostdin", "-threads", Integer.toString(n), "-i",
                clip.toString(), "-pix_fmt", "bgr24", "-f", "null", "-")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(ffmpeg + " failed on " + clip + " (exit " + p.exitValue() + ")");
        }
    }

    /**
     * Milliseconds from a jump to a random frame until it is decoded, in random order; with {@code keyFrames}, until
     * the key frame before it is (what a dragged timeline shows).
     */
    private double[] seekTimes(int n, boolean keyFrames) throws VideoException {
        try (VideoClip c = VideoClip.open(clip, n)) {
            SplittableRandom random = new SplittableRandom(3);
            double[] ms = new double[seeks];
            for (int i = 0; i < seeks; i++) {
                int frame = random.nextInt(c.info().frames());
                long t = System.nanoTime();
                if (keyFrames) {
                    c.keyFrameBefore(frame);
                } else {
                    c.frame(frame);
                }
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            return ms;
        }
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
