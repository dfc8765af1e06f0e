package dev.loupe.metrics;

import boofcv.alg.filter.derivative.DerivativeLaplacian;
import boofcv.alg.misc.ImageStatistics;
import boofcv.concurrency.BoofConcurrency;
import boofcv.io.image.ConvertBufferedImage;
import boofcv.struct.image.GrayS16;
import boofcv.struct.image.GrayU8;
import boofcv.struct.image.ImageType;
import boofcv.struct.image.Planar;
import dev.loupe.core.Box;
import dev.loupe.core.BoxMetrics;
import dev.loupe.core.ImageMetrics;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Computes image and box metrics with BoofCV from one decoded image. */
public final class MetricsCalculator {
    static {
        // Loupe runs one image per core; BoofCV's own fork-join splitting of each small image only adds overhead.
        BoofConcurrency.USE_CONCURRENT = false;
    }

    private MetricsCalculator() {
    }

    /** The image's own metrics and those of the given boxes (boxes outside the image are cut to it). */
    public static Result compute(long imageId, BufferedImage image, List<Box> boxes) {
        Planar<GrayU8> rgb = ConvertBufferedImage.convertFrom(asRgb(image), true, ImageType.pl(3, GrayU8.class));
        GrayU8 gray = gray(rgb);
        GrayS16 laplacian = new GrayS16(gray.width, gray.height);
        DerivativeLaplacian.process(gray, laplacian, null);
        Stats s = stats(rgb, gray);
        ImageMetrics im = new ImageMetrics(imageId, gray.width, gray.height, (double) gray.width / gray.height, s.r, s.g,
                s.b, s.grayMean, s.grayStd, s.entropy, variance(laplacian));
        List<BoxMetrics> out = new ArrayList<>(boxes.size());
        double area = (double) gray.width * gray.height;
        for (Box b : boxes) {
            int x0 = clamp((int) Math.floor(b.x()), gray.width - 1);
            int y0 = clamp((int) Math.floor(b.y()), gray.height - 1);
            int x1 = Math.max(x0 + 1, clamp((int) Math.ceil(b.x() + b.w()), gray.width));
            int y1 = Math.max(y0 + 1, clamp((int) Math.ceil(b.y() + b.h()), gray.height));
            Stats c = stats(rgb.subimage(x0, y0, x1, y1, null), gray.subimage(x0, y0, x1, y1, null));
            out.add(new BoxMetrics(b.id(), imageId, b.w() * b.h() / area, b.w() / b.h(),
                    (b.x() + b.w() / 2) / gray.width, (b.y() + b.h() / 2) / gray.height, c.r, c.g, c.b, c.grayStd,
                    c.entropy));
        }
        return new Result(im, out);
    }

    /** (R + G + B) / 3 per pixel, as BoofCV's average computes it, in one tight loop over the bands. */
    private static GrayU8 gray(Planar<GrayU8> rgb) {
        GrayU8 r = rgb.getBand(0);
        GrayU8 g = rgb.getBand(1);
        GrayU8 b = rgb.getBand(2);
        GrayU8 out = new GrayU8(r.width, r.height);
        for (int y = 0; y < r.height; y++) {
            int i = r.startIndex + y * r.stride;
            int o = y * out.stride;
            for (int x = 0; x < r.width; x++, i++, o++) {
                out.data[o] = (byte) (((r.data[i] & 0xFF) + (g.data[i] & 0xFF) + (b.data[i] & 0xFF)) / 3);
            }
        }
        return out;
    }

    /** Variance of the Laplacian, in exact integer sums (the sharpness measure). */
    private static double variance(GrayS16 lap) {
        long sum = 0;
        long squares = 0;
        for (int y = 0; y < lap.height; y++) {
            int i = lap.startIndex + y * lap.stride;
            for (int x = 0; x < lap.width; x++, i++) {
                int v = lap.data[i];
                sum += v;
                squares += (long) v * v;
            }
        }
        double n = (double) lap.width * lap.height;
        double mean = sum / n;
        return squares / n - mean * mean;
    }

    /** Gray, 16-bit and alpha images become plain 8-bit RGB, so every metric means the same thing. */
    private static BufferedImage asRgb(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** Metrics of one image and its boxes. */
    public record Result(ImageMetrics image, List<BoxMetrics> boxes) {
    }

    private record Stats(double r, double g, double b, double grayMean, double grayStd, double entropy) {
    }

    /** Gray mean, std and entropy all come from the 256-bin histogram (BoofCV's U8 variance is rounded). */
    private static Stats stats(Planar<GrayU8> rgb, GrayU8 gray) {
        int[] histogram = new int[256];
        ImageStatistics.histogram(gray, 0, histogram);
        long n = 0;
        double sum = 0;
        for (int v = 0; v < 256; v++) {
            n += histogram[v];
            sum += (double) v * histogram[v];
        }
        double mean = sum / n;
        double squares = 0;
        for (int v = 0; v < 256; v++) {
            squares += histogram[v] * (v - mean) * (v - mean);
        }
        return new Stats(ImageStatistics.mean(rgb.getBand(0)), ImageStatistics.mean(rgb.getBand(1)),
                ImageStatistics.mean(rgb.getBand(2)), mean, Math.sqrt(squares / n), entropy(histogram));
    }

    /** Shannon entropy of a histogram, in bits. */
    static double entropy(int[] histogram) {
        long total = 0;
        for (int h : histogram) {
            total += h;
        }
        double e = 0;
        for (int h : histogram) {
            if (h > 0) {
                double p = (double) h / total;
                e -= p * Math.log(p) / Math.log(2);
            }
        }
        return e;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
