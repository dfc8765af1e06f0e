package dev.loupe.metrics;

import dev.loupe.core.Box;
import dev.loupe.core.BoxMetrics;
import dev.loupe.core.ImageMetrics;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes image and box metrics from one decoded image in a single pass over its BGR raster per region.
 * Converting to BoofCV planes first and then taking the histogram and the Laplacian in separate passes cost
 * more than half of the JPEG decode; the tests check this pass against BoofCV's own computations.
 */
public final class MetricsCalculator {
    /** (R + G + B) / 3 by table: an integer division per pixel is a noticeable part of the pass. */
    private static final int[] THIRD = new int[766];

    static {
        for (int i = 0; i < THIRD.length; i++) {
            THIRD[i] = i / 3;
        }
    }

    private MetricsCalculator() {
    }

    /** The image's own metrics and those of the given boxes (boxes outside the image are cut to it). */
    public static Result compute(long imageId, BufferedImage image, List<Box> boxes) {
        Raster raster = Raster.of(image);
        int w = raster.width;
        int h = raster.height;
        Region whole = region(raster, 0, 0, w, h, true);
        ImageMetrics im = new ImageMetrics(imageId, w, h, (double) w / h, whole.r, whole.g, whole.b, whole.grayMean,
                whole.grayStd, whole.entropy, whole.laplacianVariance);
        List<BoxMetrics> out = new ArrayList<>(boxes.size());
        double area = (double) w * h;
        for (Box b : boxes) {
            int x0 = clamp((int) Math.floor(b.x()), w - 1);
            int y0 = clamp((int) Math.floor(b.y()), h - 1);
            int x1 = Math.max(x0 + 1, clamp((int) Math.ceil(b.x() + b.w()), w));
            int y1 = Math.max(y0 + 1, clamp((int) Math.ceil(b.y() + b.h()), h));
            Region c = region(raster, x0, y0, x1, y1, false);
            out.add(new BoxMetrics(b.id(), imageId, b.w() * b.h() / area, b.w() / b.h(),
                    (b.x() + b.w() / 2) / w, (b.y() + b.h() / 2) / h, c.r, c.g, c.b, c.grayStd, c.entropy));
        }
        return new Result(im, out);
    }

    /** Metrics of one image and its boxes. */
    public record Result(ImageMetrics image, List<BoxMetrics> boxes) {
    }

    private record Region(double r, double g, double b, double grayMean, double grayStd, double entropy,
                          double laplacianVariance) {
    }

    /** Interleaved 8-bit BGR pixels; anything else (gray, 16-bit, alpha, indexed) is converted once. */
    private record Raster(byte[] bgr, int width, int height) {
        static Raster of(BufferedImage image) {
            BufferedImage bgr = image;
            if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
                bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
                java.awt.Graphics2D g = bgr.createGraphics();
                try {
                    g.drawImage(image, 0, 0, null);
                } finally {
                    g.dispose();
                }
            }
            byte[] data = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
            return new Raster(data, bgr.getWidth(), bgr.getHeight());
        }
    }

    /**
     * Channel sums and the histogram of gray = (R + G + B) / 3 (BoofCV's average), and for the whole image the
     * variance of the 4-neighbour Laplacian over all pixels with the border at 0, as BoofCV's
     * {@code DerivativeLaplacian} without a border leaves it. Gray rows are kept in a ring of three.
     */
    private static Region region(Raster raster, int x0, int y0, int x1, int y1, boolean laplacian) {
        byte[] px = raster.bgr;
        int stride = raster.width * 3;
        int w = x1 - x0;
        // Four interleaved histograms: neighbouring pixels of equal gray would otherwise wait on each other's
        // increment of the same bin.
        int[] lanes = new int[4 * 256];
        long sumB = 0;
        long sumG = 0;
        long sumR = 0;
        int[][] rows = laplacian ? new int[3][w] : null;
        long lapSum = 0;
        long lapSquares = 0;
        for (int y = y0; y < y1; y++) {
            int[] gray = laplacian ? rows[(y - y0) % 3] : null;
            int i = y * stride + x0 * 3;
            for (int x = 0; x < w; x++, i += 3) {
                int b = px[i] & 0xFF;
                int g = px[i + 1] & 0xFF;
                int r = px[i + 2] & 0xFF;
                sumB += b;
                sumG += g;
                sumR += r;
                int v = THIRD[r + g + b];
                lanes[(x & 3) << 8 | v]++;
                if (gray != null) {
                    gray[x] = v;
                }
            }
            if (laplacian && y - y0 >= 2) {
                int[] up = rows[(y - y0 - 2) % 3];
                int[] mid = rows[(y - y0 - 1) % 3];
                for (int x = 1; x < w - 1; x++) {
                    int l = up[x] + gray[x] + mid[x - 1] + mid[x + 1] - 4 * mid[x];
                    lapSum += l;
                    lapSquares += (long) l * l;
                }
            }
        }
        int[] histogram = new int[256];
        for (int v = 0; v < 256; v++) {
            histogram[v] = lanes[v] + lanes[256 + v] + lanes[512 + v] + lanes[768 + v];
        }
        long n = (long) w * (y1 - y0);
        double sum = 0;
        for (int v = 0; v < 256; v++) {
            sum += (double) v * histogram[v];
        }
        double mean = sum / n;
        double squares = 0;
        for (int v = 0; v < 256; v++) {
            squares += histogram[v] * (v - mean) * (v - mean);
        }
        double lapMean = (double) lapSum / n;
        return new Region((double) sumR / n, (double) sumG / n, (double) sumB / n, mean, Math.sqrt(squares / n),
                entropy(histogram), laplacian ? (double) lapSquares / n - lapMean * lapMean : Double.NaN);
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
