package dev.loupe.cluster;

import dev.loupe.metrics.PointTable;
import dev.loupe.metrics.PointTables;

import java.util.ArrayList;
import java.util.List;

/**
 * The feature vectors of the boxes to cluster, standardised (zero mean, unit deviation per feature, from the
 * original boxes) so that relative area (0..1) weighs as much as a colour mean (0..255).
 */
final class FeatureMatrix {
    final long[] boxIds;
    final long[] imageIds;
    final boolean[] augmented;
    final double[][] rows;

    private FeatureMatrix(long[] boxIds, long[] imageIds, boolean[] augmented, double[][] rows) {
        this.boxIds = boxIds;
        this.imageIds = imageIds;
        this.augmented = augmented;
        this.rows = rows;
    }

    /**
     * Boxes of the settings' label and task whose features are all known, crowd regions left out (they are
     * groups, not objects); {@code augmentedImages} ascending.
     */
    static FeatureMatrix of(PointTable boxes, ClusterSettings s, long[] augmentedImages) {
        List<double[]> columns = new ArrayList<>();
        for (String f : s.features()) {
            double[] c = boxes.numeric(f);
            if (c == null) {
                throw new IllegalArgumentException("no box feature '" + f + "'; features are " + boxes.numericNames());
            }
            columns.add(c);
        }
        PointTable.Category labels = boxes.category(PointTables.LABEL);
        PointTable.Category tasks = boxes.category("task");
        int[] crowd = boxes.category(PointTables.CROWD).codes();
        int labelCode = s.label() == null ? -2 : labels.names().indexOf(s.label());
        int taskCode = s.task() == null ? -2 : tasks.names().indexOf(s.task());
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            if ((labelCode != -2 && labels.codes()[i] != labelCode) || (taskCode != -2 && tasks.codes()[i] != taskCode)
                    || crowd[i] >= 0) {
                continue;
            }
            boolean known = true;
            for (double[] c : columns) {
                known &= !Double.isNaN(c[i]);
            }
            if (known) {
                kept.add(i);
            }
        }
        int n = kept.size();
        long[] boxIds = new long[n];
        long[] imageIds = new long[n];
        boolean[] augmented = new boolean[n];
        double[][] rows = new double[n][columns.size()];
        for (int r = 0; r < n; r++) {
            int i = kept.get(r);
            boxIds[r] = boxes.boxId(i);
            imageIds[r] = boxes.imageId(i);
            augmented[r] = java.util.Arrays.binarySearch(augmentedImages, imageIds[r]) >= 0;
            for (int f = 0; f < columns.size(); f++) {
                rows[r][f] = columns.get(f)[i];
            }
        }
        standardise(rows, augmented);
        return new FeatureMatrix(boxIds, imageIds, augmented, rows);
    }

    /** Scales by the original boxes' statistics, so augmenting a dataset does not move its clusters. */
    private static void standardise(double[][] rows, boolean[] augmented) {
        if (rows.length == 0) {
            return;
        }
        int d = rows[0].length;
        for (int f = 0; f < d; f++) {
            double sum = 0;
            double squares = 0;
            int n = 0;
            for (int r = 0; r < rows.length; r++) {
                if (!augmented[r]) {
                    sum += rows[r][f];
                    squares += rows[r][f] * rows[r][f];
                    n++;
                }
            }
            double mean = n == 0 ? 0 : sum / n;
            double std = n == 0 ? 1 : Math.sqrt(Math.max(0, squares / n - mean * mean));
            double scale = std > 1e-12 ? std : 1;
            for (double[] row : rows) {
                row[f] = (row[f] - mean) / scale;
            }
        }
    }

    int size() {
        return rows.length;
    }

    /** The rows of original (not augmented) boxes, which alone define the clusters. */
    double[][] originals() {
        List<double[]> out = new ArrayList<>();
        for (int r = 0; r < rows.length; r++) {
            if (!augmented[r]) {
                out.add(rows[r]);
            }
        }
        return out.toArray(new double[0][]);
    }
}
