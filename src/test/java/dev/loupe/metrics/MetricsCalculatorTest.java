package dev.loupe.metrics;

import boofcv.alg.filter.derivative.DerivativeLaplacian;
import boofcv.alg.misc.GImageBandMath;
import boofcv.alg.misc.ImageStatistics;
import boofcv.io.image.ConvertBufferedImage;
import boofcv.struct.image.GrayS16;
import boofcv.struct.image.GrayU8;
import boofcv.struct.image.ImageType;
import boofcv.struct.image.Planar;
import dev.loupe.core.Box;
import dev.loupe.core.BoxMetrics;
import dev.loupe.core.ImageMetrics;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.media.ImageDecoder;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsCalculatorTest {

    private static Box box(double x, double y, double w, double h) {
        return new Box(7, 1, 1, 1, x, y, w, h, Source.HUMAN, Double.NaN, ReviewStatus.ACCEPTED, "", Instant.now(),
                Instant.now(), false, null);
    }

    @Test
    void hasHandComputedValuesOnSyntheticImages() {
        BufferedImage img = new BufferedImage(100, 50, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(30, 60, 90));
        g.fillRect(0, 0, 100, 50);
        g.dispose();
        MetricsCalculator.Result flat = MetricsCalculator.compute(1, img, List.of(box(10, 10, 20, 10)));
        ImageMetrics m = flat.image();
        assertEquals(2.0, m.aspect(), 1e-12);
        assertEquals(30, m.meanR(), 1e-9);
        assertEquals(60, m.meanG(), 1e-9);
        assertEquals(90, m.meanB(), 1e-9);
        assertEquals(60, m.grayMean(), 1e-9);
        assertEquals(0, m.grayStd(), 1e-9);
        assertEquals(0, m.grayEntropy(), 1e-12, "one gray level: no information");
        assertEquals(0, m.sharpness(), 1e-9, "a flat image has no edges");
        BoxMetrics b = flat.boxes().get(0);
        assertEquals(200.0 / 5000, b.relativeArea(), 1e-12);
        assertEquals(2.0, b.aspect(), 1e-12);
        assertEquals(0.2, b.centerX(), 1e-12);
        assertEquals(0.3, b.centerY(), 1e-12);

        // left half black, right half white: two equally likely levels = 1 bit, std 127.5
        g = img.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 50, 50);
        g.setColor(Color.WHITE);
        g.fillRect(50, 0, 50, 50);
        g.dispose();
        MetricsCalculator.Result two = MetricsCalculator.compute(1, img, List.of(box(0, 0, 50, 50), box(25, 0, 50, 50)));
        assertEquals(1.0, two.image().grayEntropy(), 1e-12);
        assertEquals(127.5, two.image().grayStd(), 1e-9);
        assertTrue(two.image().sharpness() > 0, "the edge shows in the Laplacian");
        assertEquals(0, two.boxes().get(0).grayEntropy(), 1e-12, "the left crop is all black");
        assertEquals(1.0, two.boxes().get(1).grayEntropy(), 1e-12, "the middle crop is half and half");
        assertEquals(127.5, two.boxes().get(1).meanR(), 1e-9);
    }

    @Test
    void agreesWithAPlainComputationOnARealPhoto() throws Exception {
        BufferedImage img = ImageDecoder.decode(SharedData.photos().resolve("dog.jpg"), 1);
        MetricsCalculator.Result r = MetricsCalculator.compute(1, img, List.of());
        double sr = 0;
        double sg = 0;
        double sb = 0;
        int[] hist = new int[256];
        double sum = 0;
        double sumSq = 0;
        int n = img.getWidth() * img.getHeight();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int red = (rgb >> 16) & 0xFF;
                int green = (rgb >> 8) & 0xFF;
                int blue = rgb & 0xFF;
                sr += red;
                sg += green;
                sb += blue;
                int gray = (red + green + blue) / 3;
                hist[gray]++;
                sum += gray;
                sumSq += (double) gray * gray;
            }
        }
        assertEquals(sr / n, r.image().meanR(), 1e-6);
        assertEquals(sg / n, r.image().meanG(), 1e-6);
        assertEquals(sb / n, r.image().meanB(), 1e-6);
        double mean = sum / n;
        assertEquals(Math.sqrt(sumSq / n - mean * mean), r.image().grayStd(), 1e-3);
        double entropy = 0;
        for (int h : hist) {
            if (h > 0) {
                entropy -= (double) h / n * Math.log((double) h / n) / Math.log(2);
            }
        }
        assertEquals(entropy, r.image().grayEntropy(), 1e-9);
        assertTrue(r.image().grayEntropy() > 6 && r.image().grayEntropy() < 8, "a real photo: " + r.image().grayEntropy());
    }

    /** BoofCV's planar statistics and Laplacian are the independent reference of the fused single pass. */
    @Test
    void agreesWithBoofCvOnARealPhotoAndACrop() throws Exception {
        BufferedImage img = ImageDecoder.decode(SharedData.photos().resolve("dog.jpg"), 1);
        Box crop = box(40.5, 30.2, 120.7, 90.1);
        MetricsCalculator.Result r = MetricsCalculator.compute(1, img, List.of(crop));
        Planar<GrayU8> rgb = ConvertBufferedImage.convertFrom(img, true, ImageType.pl(3, GrayU8.class));
        GrayU8 gray = new GrayU8(img.getWidth(), img.getHeight());
        GImageBandMath.average(rgb, gray, 0, 2);
        GrayS16 lap = new GrayS16(gray.width, gray.height);
        DerivativeLaplacian.process(gray, lap, null);
        double mean = ImageStatistics.sum(lap) / (double) (lap.width * lap.height);
        double squares = 0;
        for (int y = 0; y < lap.height; y++) {
            for (int x = 0; x < lap.width; x++) {
                squares += (lap.get(x, y) - mean) * (lap.get(x, y) - mean);
            }
        }
        assertEquals(squares / (lap.width * lap.height), r.image().sharpness(), 1e-6 * r.image().sharpness());
        assertEquals(ImageStatistics.mean(rgb.getBand(0)), r.image().meanR(), 1e-9);
        assertEquals(ImageStatistics.mean(gray), r.image().grayMean(), 1e-9);

        Planar<GrayU8> sub = rgb.subimage(40, 30, 162, 121, null);
        GrayU8 subGray = gray.subimage(40, 30, 162, 121, null);
        BoxMetrics b = r.boxes().get(0);
        assertEquals(ImageStatistics.mean(sub.getBand(1)), b.meanG(), 1e-9);
        assertEquals(ImageStatistics.mean(sub.getBand(2)), b.meanB(), 1e-9);
        int[] hist = new int[256];
        ImageStatistics.histogram(subGray, 0, hist);
        assertEquals(MetricsCalculator.entropy(hist), b.grayEntropy(), 1e-12);
        double m = ImageStatistics.mean(subGray);
        double v = 0;
        for (int y = 0; y < subGray.height; y++) {
            for (int x = 0; x < subGray.width; x++) {
                v += (subGray.get(x, y) - m) * (subGray.get(x, y) - m);
            }
        }
        assertEquals(Math.sqrt(v / (subGray.width * subGray.height)), b.grayStd(), 1e-9);
    }
}
