package dev.loupe.ui.plot;

import javafx.geometry.Insets;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Points of two series, optionally coloured by a category (with a legend; the ten first categories get
 * colours, the rest grey); selected points on top in a
 * darker, larger mark. Hovering shows the nearest point's card (text and thumbnail). Draws 1M points.
 */
public final class ScatterPlot extends PlotCanvas {
    /** Tableau 10: distinguishable, and readable for the common colour-vision deficiencies. */
    static final int[] PALETTE = {0xFF4E79A7, 0xFFF28E2B, 0xFFE15759, 0xFF76B7B2, 0xFF59A14F, 0xFFEDC948,
            0xFFB07AA1, 0xFFFF9DA7, 0xFF9C755F, 0xFFBAB0AC};
    private static final int PLAIN = 0xAA6B7280;
    private static final double HOVER_RADIUS = 8;

    private double[] xs = new double[0];
    private double[] ys = new double[0];
    private int[] codes;
    private int[] palette = PALETTE;
    private List<String> names = List.of();
    private boolean[] selected = new boolean[0];
    private int[] pixels;
    private WritableImage image;
    private final Label cardText = new Label();
    private final ImageView cardImage = new ImageView();
    private final VBox card = new VBox(4, cardImage, cardText);
    private IntFunction<String> describe = i -> "";
    private IntFunction<Image> preview = i -> null;

    public ScatterPlot() {
        card.getStyleClass().add("plot-card");
        card.setStyle("-fx-background-color: white; -fx-border-color: #9aa1ab; -fx-background-radius: 4; "
                + "-fx-border-radius: 4;");
        card.setPadding(new Insets(6));
        card.setManaged(false);
        card.setVisible(false);
        card.setMouseTransparent(true);
        cardImage.setFitWidth(160);
        cardImage.setFitHeight(120);
        cardImage.setPreserveRatio(true);
        getChildren().add(card);
        setOnMouseMoved(e -> hover(e.getX(), e.getY()));
        setOnMouseExited(e -> card.setVisible(false));
    }

    /** Plain points; {@code categoryCodes} (-1 = none) and {@code categoryNames} colour them, or null. */
    public void setData(double[] x, double[] y, int[] categoryCodes, List<String> categoryNames) {
        xs = x;
        ys = y;
        codes = categoryCodes;
        names = categoryNames == null ? List.of() : categoryNames;
        selected = new boolean[x.length];
        fitRange();
        redraw();
    }

    /** The legend's category names (empty when the points are not coloured). */
    public List<String> legend() {
        return codes == null ? List.of() : names;
    }

    /** Colours of the categories by code, in place of the default palette (e.g. red kept for one category). */
    public void setPalette(int[] argb) {
        palette = argb;
        redraw();
    }

    /** What the hover card says and shows for point i. */
    public void setHoverCard(IntFunction<String> text, IntFunction<Image> thumbnail) {
        describe = text;
        preview = thumbnail;
    }

    public void setSelected(boolean[] marks) {
        selected = marks;
        redraw();
    }

    public double x(int point) {
        return xs[point];
    }

    public double y(int point) {
        return ys[point];
    }

    /** The point nearest to a screen position within a few pixels, or -1. */
    public int pointAt(double sx, double sy) {
        int best = -1;
        double bestD = HOVER_RADIUS * HOVER_RADIUS;
        for (int i = 0; i < xs.length; i++) {
            double dx = screenX(xs[i]) - sx;
            double dy = screenY(ys[i]) - sy;
            double d = dx * dx + dy * dy;
            if (d <= bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    private void hover(double sx, double sy) {
        int i = pointAt(sx, sy);
        if (i < 0) {
            card.setVisible(false);
            return;
        }
        cardText.setText(describe.apply(i));
        cardImage.setImage(preview.apply(i));
        card.autosize();
        double x = sx + 14 + card.getWidth() > getWidth() ? sx - 14 - card.getWidth() : sx + 14;
        double y = sy + 14 + card.getHeight() > getHeight() ? Math.max(0, sy - 14 - card.getHeight()) : sy + 14;
        card.relocate(x, y);
        card.setVisible(true);
    }

    private void fitRange() {
        xMin = Double.MAX_VALUE;
        xMax = -Double.MAX_VALUE;
        yMin = Double.MAX_VALUE;
        yMax = -Double.MAX_VALUE;
        for (int i = 0; i < xs.length; i++) {
            if (Double.isNaN(xs[i]) || Double.isNaN(ys[i])) {
                continue;
            }
            xMin = Math.min(xMin, xs[i]);
            xMax = Math.max(xMax, xs[i]);
            yMin = Math.min(yMin, ys[i]);
            yMax = Math.max(yMax, ys[i]);
        }
        if (xMin > xMax) {
            xMin = 0;
            xMax = 1;
            yMin = 0;
            yMax = 1;
        }
        double px = Math.max(1e-9, (xMax - xMin) * 0.04);
        double py = Math.max(1e-9, (yMax - yMin) * 0.04);
        xMin -= px;
        xMax += px;
        yMin -= py;
        yMax += py;
    }

    /** Categories past the palette share the plain grey: repeating colours would make two mean the same. */
    int colorOf(int code) {
        return code < 0 || code >= palette.length ? PLAIN : palette[code];
    }

    /**
     * Points are rasterised into a pixel buffer here and drawn as one image: a canvas command per point stalls
     * the renderer at a million points, a buffer costs a few milliseconds.
     */
    @Override
    void drawMarks(GraphicsContext g) {
        int w = (int) Math.ceil(getWidth());
        int h = (int) Math.ceil(getHeight());
        if (w <= 0 || h <= 0) {
            return;
        }
        if (pixels == null || pixels.length != w * h) {
            pixels = new int[w * h];
            image = new WritableImage(w, h);
        }
        java.util.Arrays.fill(pixels, 0);
        int half = xs.length > 20_000 ? 0 : xs.length > 2_000 ? 1 : 2; // marks shrink as points crowd
        for (int pass = 0; pass < 2; pass++) {
            int r = pass == 0 ? half : half + 1;
            for (int i = 0; i < xs.length; i++) {
                if (selected[i] != (pass == 1) || Double.isNaN(xs[i]) || Double.isNaN(ys[i])) {
                    continue;
                }
                int color = pass == 1 ? (codes == null ? 0xFF2F6FDE : 0xFF111827)
                        : codes == null ? PLAIN : colorOf(codes[i]);
                int px = (int) screenX(xs[i]);
                int py = (int) screenY(ys[i]);
                for (int dy = -r; dy <= r; dy++) {
                    int yy = py + dy;
                    if (yy < 0 || yy >= h) {
                        continue;
                    }
                    for (int dx = -r; dx <= r; dx++) {
                        int xx = px + dx;
                        if (xx >= 0 && xx < w) {
                            pixels[yy * w + xx] = color;
                        }
                    }
                }
            }
        }
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        g.drawImage(image, 0, 0);
        drawLegend(g);
    }

    /** Category names with their colours, top right; long lists end with how many more there are. */
    private void drawLegend(GraphicsContext g) {
        if (codes == null || names.isEmpty()) {
            return;
        }
        int shown = Math.min(names.size(), palette.length);
        g.setFont(Font.font(11));
        double width = 20 + names.stream().limit(shown).mapToInt(String::length).max().orElse(0) * 6.5;
        double x = getWidth() - 16 - width;
        g.setFill(Color.web("#ffffffdd"));
        g.fillRect(x - 6, 14, width + 8, shown * 16 + (names.size() > shown ? 16 : 0) + 6);
        for (int k = 0; k < shown; k++) {
            int c = colorOf(k);
            g.setFill(Color.rgb((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF));
            g.fillRect(x, 20 + k * 16, 10, 10);
            g.setFill(Color.web("#1f2937"));
            g.fillText(names.get(k), x + 16, 29 + k * 16);
        }
        if (names.size() > shown) {
            g.setFill(Color.web("#6b7280"));
            g.fillRect(x, 20 + shown * 16, 10, 10);
            g.setFill(Color.web("#1f2937"));
            g.fillText((names.size() - shown) + " more", x + 16, 29 + shown * 16);
        }
    }
}
