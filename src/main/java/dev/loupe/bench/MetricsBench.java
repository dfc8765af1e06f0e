package dev.loupe.bench;

import dev.loupe.core.Box;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.media.ImageDecoder;
import dev.loupe.media.ImportCandidate;
import dev.loupe.media.ImportSources;
import dev.loupe.metrics.MetricsCalculator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Metrics against decoding alone on the same images, one thread each, in one run: how much metrics add to
 * the decode every metrics run needs anyway (goal: under 30%). Ten boxes per image exercise the crops.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true, description = "Metrics cost relative to JPEG decoding.")
final class MetricsBench implements Callable<Integer> {

    @Option(names = "--images", required = true, paramLabel = "DIR")
    Path images;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<ImportCandidate> files = ImportSources.fromFolder(images);
        decodeAll(files); // warm up the JIT and the page cache for both passes
        long t = System.nanoTime();
        List<BufferedImage> decoded = decodeAll(files);
        double decodeSeconds = (System.nanoTime() - t) / 1e9;
        for (BufferedImage img : decoded) { // warm up the metrics pass the same way
            MetricsCalculator.compute(1, img, boxes(img));
        }
        long metricsNanos = 0;
        for (BufferedImage img : decoded) {
            long m = System.nanoTime();
            MetricsCalculator.compute(1, img, boxes(img));
            metricsNanos += System.nanoTime() - m;
        }
        double metricsSeconds = metricsNanos / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("images", files.size());
        out.put("decodeImagesPerSec", GalleryBench.round(files.size() / decodeSeconds));
        out.put("decodeAndMetricsImagesPerSec", GalleryBench.round(files.size() / (decodeSeconds + metricsSeconds)));
        out.put("metricsAddedFraction", GalleryBench.round(metricsSeconds / decodeSeconds));
        BenchOutput.print(out, json);
        return 0;
    }

    private static List<BufferedImage> decodeAll(List<ImportCandidate> files) throws Exception {
        List<BufferedImage> out = new ArrayList<>();
        for (ImportCandidate c : files) {
            out.add(ImageDecoder.decode(c.file(), 1));
        }
        return out;
    }

    private static List<Box> boxes(BufferedImage img) {
        List<Box> out = new ArrayList<>();
        Instant now = Instant.now();
        for (int k = 0; k < 10; k++) {
            double w = img.getWidth() / 5.0;
            double h = img.getHeight() / 4.0;
            out.add(new Box(k, 1, 1, 1, (k % 4) * w, (k % 3) * h, w, h, Source.MODEL, 0.5, ReviewStatus.PENDING, "",
                    now, now, false, null));
        }
        return out;
    }
}
