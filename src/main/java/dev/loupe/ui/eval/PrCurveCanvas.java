package dev.loupe.ui.eval;

import dev.loupe.eval.EvalResult;
import dev.loupe.eval.PrPoint;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import java.util.List;
import java.util.Map;

/** Precision–recall curves at IoU .50, one colour per prediction task, for the first class evaluated. */
final class PrCurveCanvas extends Canvas {
    static final List<Color> COLORS = List.of(Color.web("#2f6fde"), Color.web("#e0433a"), Color.web("#2e9e4f"),
            Color.web("#f2a516"), Color.web("#8e44ad"));
    private static final double M = 36;

    PrCurveCanvas(Map<String, EvalResult> results, double width, double height) {
        super(width, height);
        GraphicsContext g = getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double w = width - 2 * M;
        double h = height - 2 * M;
        g.setStroke(Color.web("#c8ccd2"));
        g.setFont(Font.font(10));
        g.setFill(Color.web("#6b7280"));
        for (int i = 0; i <= 10; i += 2) {
            double x = M + w * i / 10;
            double y = M + h - h * i / 10;
            g.strokeLine(x, M, x, M + h);
            g.strokeLine(M, y, M + w, y);
            g.fillText(String.format("%.1f", i / 10.0), x - 7, M + h + 14);
            g.fillText(String.format("%.1f", i / 10.0), M - 24, y + 3);
        }
        g.fillText("recall", M + w / 2 - 14, height - 6);
        g.fillText("precision", 4, M - 12);
        int k = 0;
        for (var e : results.entrySet()) {
            Color c = COLORS.get(k % COLORS.size());
            List<PrPoint> pr = e.getValue().perClass().isEmpty() ? List.of() : e.getValue().perClass().get(0).pr50();
            g.setStroke(c);
            g.setLineWidth(2);
            g.beginPath();
            for (int i = 0; i < pr.size(); i++) {
                double x = M + w * pr.get(i).recall();
                double y = M + h - h * pr.get(i).precision();
                if (i == 0) {
                    g.moveTo(x, y);
                } else {
                    g.lineTo(x, y);
                }
            }
            g.stroke();
            g.setFill(c);
            g.fillText(String.format("%s  AP50 %.3f", e.getKey(), e.getValue().ap50()), M + 8, M + h - 8 - 14 * k);
            k++;
        }
    }
}
