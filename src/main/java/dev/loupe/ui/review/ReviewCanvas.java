package dev.loupe.ui.review;

import dev.loupe.core.Box;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.review.Handle;
import dev.loupe.review.HitTest;
import dev.loupe.review.Rect;
import dev.loupe.suspects.Suspect;
import javafx.collections.ListChangeListener;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * The image and its boxes on one Canvas, redrawn only when something changes: thousands of boxes cost a few
 * strokes each, not a node each. Mouse gestures become intents (draw, reshape, select) for the view model;
 * the gesture in progress is drawn here and committed on release, as one edit.
 */
public final class ReviewCanvas extends Region {
    private static final double HANDLE_PX = 5;

    private final ReviewViewModel vm;
    /** The image and every box but the one in hand; redrawn when boxes or the view change. */
    private final Canvas base = new Canvas();
    /** The selected box and the gesture under way; redrawn on every drag event, which stays cheap. */
    private final Canvas overlay = new Canvas();
    private double scale = 1;
    private double offsetX;
    private double offsetY;
    private boolean drawMode;
    private boolean showCaptions = true;
    private boolean showScores = true;
    private boolean boxesHidden;
    private boolean crosshair;
    /** While true the view follows the window: a resize fits the image again. Zooming or panning ends it. */
    private boolean fitted = true;
    private double mouseX = -1;
    private double mouseY = -1;
    // the gesture under way
    private enum Gesture { NONE, PAN, MOVE, RESIZE, DRAW }
    private Gesture gesture = Gesture.NONE;
    private Handle handle;
    private double pressX;
    private double pressY;
    private double pressOffsetX;
    private double pressOffsetY;
    private Rect start;
    private Rect live;
    private long liveId = -1;

    public ReviewCanvas(ReviewViewModel vm) {
        this.vm = vm;
        getStyleClass().add("review-canvas");
        getChildren().addAll(base, overlay);
        setFocusTraversable(true);
        vm.boxes().addListener((ListChangeListener<Box>) c -> redraw());
        vm.selectedProperty().addListener((obs, o, n) -> redraw());
        vm.suspectProperty().addListener((obs, o, n) -> redrawOverlay());
        vm.imageProperty().addListener((obs, o, n) -> {
            fit();
            redraw();
        });
        vm.itemProperty().addListener((obs, o, n) -> fit());
        setOnMousePressed(this::pressed);
        setOnMouseDragged(this::dragged);
        setOnMouseReleased(this::released);
        setOnScroll(this::scrolled);
        setOnMouseMoved(e -> {
            mouseX = e.getX();
            mouseY = e.getY();
            if (crosshair || drawMode) {
                redrawOverlay();
            }
        });
    }

    @Override
    protected void layoutChildren() {
        if (base.getWidth() != getWidth() || base.getHeight() != getHeight()) {
            for (Canvas c : new Canvas[]{base, overlay}) {
                c.setWidth(getWidth());
                c.setHeight(getHeight());
            }
            if (fitted) {
                fit();
            }
            redraw();
        }
    }

    /** The whole image in view. */
    public void fit() {
        var item = vm.itemProperty().get();
        if (item == null || getWidth() <= 0) {
            return;
        }
        fitted = true;
        scale = Math.min(getWidth() / item.widthPx(), getHeight() / item.heightPx()) * 0.98;
        offsetX = (getWidth() - item.widthPx() * scale) / 2;
        offsetY = (getHeight() - item.heightPx() * scale) / 2;
        redraw();
    }

    /** One image pixel per screen pixel, centred. */
    public void actualSize() {
        zoomAt(getWidth() / 2, getHeight() / 2, 1 / scale);
    }

    public void zoomAt(double sx, double sy, double factor) {
        fitted = false;
        double ix = (sx - offsetX) / scale;
        double iy = (sy - offsetY) / scale;
        scale = Math.max(0.02, Math.min(40, scale * factor));
        offsetX = sx - ix * scale;
        offsetY = sy - iy * scale;
        redraw();
    }

    public void startDrawing() {
        drawMode = true;
        setCursor(javafx.scene.Cursor.CROSSHAIR);
    }

    public void toggleScores() {
        showScores = !showScores;
        redraw();
    }

    public void toggleCaptions() {
        showCaptions = !showCaptions;
        redraw();
    }

    public void toggleCrosshair() {
        crosshair = !crosshair;
        redrawOverlay();
    }

    public void toggleBoxes() {
        boxesHidden = !boxesHidden;
        redraw();
    }

    public double imageX(double screenX) {
        return (screenX - offsetX) / scale;
    }

    public double imageY(double screenY) {
        return (screenY - offsetY) / scale;
    }

    /** Screen position of an image point (for tests and benchmarks that drive the canvas like a mouse). */
    public double screenX(double imageX) {
        return imageX * scale + offsetX;
    }

    public double screenY(double imageY) {
        return imageY * scale + offsetY;
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        pressX = e.getX();
        pressY = e.getY();
        double ix = imageX(e.getX());
        double iy = imageY(e.getY());
        if (drawMode && e.getButton() == MouseButton.PRIMARY) {
            gesture = Gesture.DRAW;
            start = new Rect(ix, iy, 0, 0);
            live = start;
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY || e.isShiftDown()) {
            beginPan();
            return;
        }
        Box sel = vm.session() == null ? null : vm.session().box(vm.selectedProperty().get()).orElse(null);
        if (sel != null) {
            Handle h = HitTest.handleAt(rect(sel), ix, iy, HANDLE_PX / scale);
            if (h != null && !vm.isLocked(sel.id())) {
                gesture = Gesture.RESIZE;
                handle = h;
                grab(sel);
                return;
            }
        }
        Box hit = boxesHidden ? null : HitTest.boxAt(vm.boxes(), ix, iy);
        if (hit != null) {
            vm.select(hit.id());
            gesture = Gesture.MOVE;
            grab(hit);
        } else {
            vm.select(-1);
            beginPan();
        }
    }

    private void beginPan() {
        fitted = false;
        gesture = Gesture.PAN;
        pressOffsetX = offsetX;
        pressOffsetY = offsetY;
    }

    private void grab(Box b) {
        start = rect(b);
        live = start;
        liveId = b.id();
        redraw();
    }

    private void dragged(MouseEvent e) {
        double dx = (e.getX() - pressX) / scale;
        double dy = (e.getY() - pressY) / scale;
        switch (gesture) {
            case PAN -> {
                offsetX = pressOffsetX + e.getX() - pressX;
                offsetY = pressOffsetY + e.getY() - pressY;
            }
            case MOVE -> {
                if (vm.isLocked(liveId)) {
                    return;
                }
                live = start.moved(dx, dy);
            }
            case RESIZE -> live = handle.drag(start, dx, dy);
            case DRAW -> live = new Rect(start.x(), start.y(), dx, dy).normalized();
            default -> {
                return;
            }
        }
        if (gesture == Gesture.PAN) {
            redraw();
        } else {
            redrawOverlay();
        }
    }

    private void released(MouseEvent e) {
        Gesture done = gesture;
        gesture = Gesture.NONE;
        if (done == Gesture.DRAW) {
            drawMode = false;
            setCursor(javafx.scene.Cursor.DEFAULT);
            if (live.w() * scale >= 3 && live.h() * scale >= 3) {
                vm.draw(live);
            }
        } else if ((done == Gesture.MOVE || done == Gesture.RESIZE) && !live.equals(start)) {
            vm.reshape(liveId, live);
        }
        live = null;
        liveId = -1;
        redraw();
    }

    private void scrolled(ScrollEvent e) {
        zoomAt(e.getX(), e.getY(), Math.exp(e.getDeltaY() * 0.0025));
        e.consume();
    }

    private static Rect rect(Box b) {
        return new Rect(b.x(), b.y(), b.w(), b.h());
    }

    /** Draws everything: the base layer, then the overlay. */
    public void redraw() {
        GraphicsContext g = base.getGraphicsContext2D();
        g.setFill(Color.web("#2b2f36"));
        g.fillRect(0, 0, base.getWidth(), base.getHeight());
        ImagePyramid img = vm.imageProperty().get();
        var item = vm.itemProperty().get();
        if (item != null) {
            if (img != null) {
                drawVisiblePart(g, img, item.widthPx(), item.heightPx());
            }
            if (!boxesHidden) {
                g.setFont(Font.font(11));
                long sel = vm.selectedProperty().get();
                for (Box b : vm.boxes()) {
                    if (b.id() != liveId && b.id() != sel) {
                        drawBox(g, b, rect(b), false);
                    }
                }
            }
        }
        redrawOverlay();
    }

    /** Draws only the part of the image on screen: zoomed in, most of a large photo is off the canvas. */
    private void drawVisiblePart(GraphicsContext g, ImagePyramid img, int w, int h) {
        double x1 = Math.max(0, imageX(0));
        double y1 = Math.max(0, imageY(0));
        double x2 = Math.min(w, imageX(base.getWidth()));
        double y2 = Math.min(h, imageY(base.getHeight()));
        if (x2 <= x1 || y2 <= y1) {
            return;
        }
        var level = img.forScale(scale);
        double k = level.getWidth() / w;
        g.drawImage(level, x1 * k, y1 * k, (x2 - x1) * k, (y2 - y1) * k, sx(x1), sy(y1), (x2 - x1) * scale, (y2 - y1) * scale);
    }

    private void redrawOverlay() {
        GraphicsContext g = overlay.getGraphicsContext2D();
        g.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        if (boxesHidden || vm.itemProperty().get() == null) {
            return;
        }
        g.setFont(Font.font(11));
        long sel = vm.selectedProperty().get();
        long shown = liveId >= 0 ? liveId : sel;
        vm.boxes().stream().filter(b -> b.id() == shown).findFirst()
                .ifPresent(b -> drawBox(g, b, b.id() == liveId && live != null ? live : rect(b), true));
        Suspect suspect = vm.suspectProperty().get();
        if (suspect != null) {
            drawSuspect(g, suspect);
        }
        if ((crosshair || drawMode) && mouseX >= 0) {
            g.setStroke(Color.rgb(255, 255, 255, 0.7));
            g.setLineWidth(1);
            g.strokeLine(mouseX, 0, mouseX, overlay.getHeight());
            g.strokeLine(0, mouseY, overlay.getWidth(), mouseY);
        }
        if (gesture == Gesture.DRAW && live != null) {
            g.setStroke(Color.WHITE);
            g.setLineWidth(1.5);
            g.setLineDashes(5);
            g.strokeRect(sx(live.x()), sy(live.y()), live.w() * scale, live.h() * scale);
            g.setLineDashes(0);
        }
    }

    /**
     * The likely mistake beside the box it is about: the model's box dashed in magenta with what the model says and
     * the fix M takes; for a box the model sees nothing in, the box itself.
     */
    private void drawSuspect(GraphicsContext g, Suspect s) {
        Suspect.Prediction m = s.model();
        double x = sx(m == null ? s.x() : m.x());
        double y = sy(m == null ? s.y() : m.y());
        double w = (m == null ? s.w() : m.w()) * scale;
        double h = (m == null ? s.h() : m.h()) * scale;
        g.setStroke(SUSPECT);
        g.setLineWidth(2.5);
        g.setLineDashes(7, 4);
        g.strokeRect(x, y, w, h);
        g.setLineDashes(0);
        drawTag(g, s.why() + " · M " + s.kind().fix() + ", Shift+M leaves it", SUSPECT, x,
                y + h + 15 <= overlay.getHeight() ? y + h : Math.max(0, y - 15));
    }

    /** White text on a strip of colour, its top left at (x, top): a box's caption. */
    private static void drawTag(GraphicsContext g, String text, Color color, double x, double top) {
        g.setFill(color);
        g.fillRect(x, top, text.length() * 6.2 + 6, 15);
        g.setFill(Color.WHITE);
        g.fillText(text, x + 3, top + 11.5);
    }

    private double sx(double x) {
        return x * scale + offsetX;
    }

    private double sy(double y) {
        return y * scale + offsetY;
    }

    private static final Color SUSPECT = Color.web("#c2185b");

    static Color colorOf(Box b) {
        if (b.status() == ReviewStatus.REJECTED) {
            return Color.web("#e0433a");
        }
        if (b.source() == Source.MODEL && b.status() == ReviewStatus.PENDING) {
            return Color.web("#f2a516");
        }
        return b.source() == Source.HUMAN ? Color.web("#3d8bfd") : Color.web("#2e9e4f");
    }

    private void drawBox(GraphicsContext g, Box b, Rect r, boolean selected) {
        Color c = colorOf(b);
        double x = sx(r.x());
        double y = sy(r.y());
        double w = r.w() * scale;
        double h = r.h() * scale;
        g.setStroke(c);
        g.setLineWidth(selected ? 2.5 : 1.5);
        g.setLineDashes(b.status() == ReviewStatus.REJECTED || b.crowd() ? 4 : vm.isInterpolated(b) ? 8 : 0);
        g.strokeRect(x, y, w, h);
        g.setLineDashes(0);
        // captions only where they fit: text is the costliest thing a canvas draws
        if (showCaptions && (selected || h > 30 && w > 40)) {
            String caption = vm.labelName(b.labelId()) + (showScores && b.hasScore() ? String.format(" %.2f", b.score()) : "");
            drawTag(g, caption, c, x, Math.max(0, y - 15));
        }
        if (selected) {
            g.setFill(Color.WHITE);
            g.setStroke(c);
            g.setLineWidth(1.5);
            for (Handle hd : Handle.values()) {
                double hx = sx(hd.x(r)) - HANDLE_PX;
                double hy = sy(hd.y(r)) - HANDLE_PX;
                g.fillRect(hx, hy, 2 * HANDLE_PX, 2 * HANDLE_PX);
                g.strokeRect(hx, hy, 2 * HANDLE_PX, 2 * HANDLE_PX);
            }
        }
    }
}
