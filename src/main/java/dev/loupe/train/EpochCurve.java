package dev.loupe.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/** A run's course as CSV, one row per epoch: minutes since the start, the loss and its parts, AP50, the rate. */
public final class EpochCurve {
    static final String HEADER = "epoch,minutes,loss,iou_loss,objectness_loss,class_loss,validation_ap50,test_ap50,"
            + "learning_rate";

    private EpochCurve() {
    }

    /** Minutes from the run's start to the end of each epoch (a resumed run counts its earlier epochs). */
    public static double[] minutes(List<EpochStats> history) {
        double[] out = new double[history.size()];
        double seconds = 0;
        for (int i = 0; i < out.length; i++) {
            seconds += history.get(i).seconds();
            out[i] = seconds / 60;
        }
        return out;
    }

    /** Writes the curve, replacing the file in one move (it is rewritten after every epoch). */
    static void writeCsv(List<EpochStats> history, Path file) throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        double[] minutes = minutes(history);
        for (int i = 0; i < history.size(); i++) {
            EpochStats e = history.get(i);
            csv.append(String.format(Locale.ROOT, "%d,%.3f,%.5f,%.5f,%.5f,%.5f,%s,%s,%.3e%n", e.epoch(), minutes[i],
                    e.loss(), e.iouLoss(), e.objectnessLoss(), e.classLoss(), number(e.validationAp50()),
                    number(e.testAp50()), e.learningRate()));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, csv, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
