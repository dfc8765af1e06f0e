package dev.loupe.ui.app;

import dev.loupe.core.ImageItem;
import dev.loupe.ui.gallery.GalleryViewModel;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The selected image: a larger preview and its facts (name, size, orientation, where it lives). */
final class ImageDetailsPane extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private static final int PREVIEW_PX = 256;

    private final GalleryViewModel gallery;
    private final ImageView preview = new ImageView();
    private final GridPane facts = new GridPane();
    private final Label title = new Label("No image selected");

    private final Canvas overlay = new Canvas(PREVIEW_PX, PREVIEW_PX);
    private final ObservableList<BoxOverlay> boxes;
    private ImageItem shown;

    ImageDetailsPane(GalleryViewModel gallery, ObservableList<BoxOverlay> boxes) {
        this.gallery = gallery;
        this.boxes = boxes;
        boxes.addListener((ListChangeListener<BoxOverlay>) c -> drawBoxes());
        getStyleClass().add("details");
        setId("details");
        setPadding(new Insets(10));
        setSpacing(10);
        setPrefWidth(280);
        title.getStyleClass().add("section-title");
        title.setWrapText(true);
        preview.setFitWidth(PREVIEW_PX);
        preview.setFitHeight(PREVIEW_PX);
        preview.setPreserveRatio(true);
        facts.setHgap(8);
        facts.setVgap(4);
        overlay.setId("previewBoxes");
        StackPane frame = new StackPane(preview, overlay);
        frame.setAlignment(Pos.TOP_LEFT);
        StackPane.setAlignment(preview, Pos.TOP_LEFT);
        getChildren().addAll(title, frame, facts);
        gallery.selectedItemProperty().addListener((obs, o, item) -> show(item));
    }

    private void show(ImageItem item) {
        shown = item;
        drawBoxes();
        facts.getChildren().clear();
        if (item == null) {
            title.setText("No image selected");
            preview.setImage(null);
            return;
        }
        title.setText(item.fileName());
        String url = gallery.loader() == null ? null : gallery.loader().thumbnailUrl(item);
        preview.setImage(url == null ? null : new Image(url, PREVIEW_PX, PREVIEW_PX, true, true, true));
        int row = 0;
        row = fact(row, "Size", item.widthPx() + " × " + item.heightPx() + " px");
        row = fact(row, "Orientation", item.orientation() == 1 ? "as stored" : "EXIF " + item.orientation());
        row = fact(row, "File size", String.format("%,d KB", Math.max(1, item.byteSize() / 1024)));
        row = fact(row, "Path", item.relativePath());
        if (item.url() != null) {
            row = fact(row, "URL", item.url());
        }
        row = fact(row, "Imported", TIME.format(item.importedAt()));
        fact(row, "SHA-256", item.contentHash().substring(0, 16) + "…");
    }

    /** Boxes over the preview: predictions amber, accepted green, rejected red, human blue; crowd dashed. */
    private void drawBoxes() {
        GraphicsContext g = overlay.getGraphicsContext2D();
        g.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        if (shown == null) {
            return;
        }
        double k = Math.min((double) PREVIEW_PX / shown.widthPx(), (double) PREVIEW_PX / shown.heightPx());
        g.setLineWidth(1.5);
        g.setFont(Font.font(10));
        for (BoxOverlay b : boxes) {
            Color c = b.status() == ReviewStatus.REJECTED ? Color.web("#e0433a")
                    : b.status() == ReviewStatus.ACCEPTED && b.source() != Source.HUMAN ? Color.web("#2e9e4f")
                    : b.source() == Source.MODEL ? Color.web("#f2a516") : Color.web("#2f6fde");
            g.setStroke(c);
            g.setLineDashes(b.crowd() ? 4 : 0);
            g.strokeRect(b.x() * k, b.y() * k, b.w() * k, b.h() * k);
            // caption on a solid tag inside the preview, so it reads on any photo
            double tagW = b.caption().length() * 5.6 + 6;
            double tx = Math.min(b.x() * k, overlay.getWidth() - tagW);
            double ty = Math.max(0, b.y() * k - 13);
            g.setFill(c);
            g.fillRect(tx, ty, tagW, 13);
            g.setFill(Color.WHITE);
            g.fillText(b.caption(), tx + 3, ty + 10);
        }
    }

    private int fact(int row, String name, String value) {
        Label k = new Label(name);
        k.getStyleClass().add("muted");
        k.setMinWidth(Label.USE_PREF_SIZE);
        Label v = new Label(value);
        v.setWrapText(true);
        v.setMaxWidth(180);
        facts.addRow(row, k, v);
        return row + 1;
    }
}
