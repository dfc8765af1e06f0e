package dev.loupe.ui.app;

import dev.loupe.core.ImageItem;
import dev.loupe.ui.gallery.GalleryViewModel;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
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

    ImageDetailsPane(GalleryViewModel gallery) {
        this.gallery = gallery;
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
        getChildren().addAll(title, preview, facts);
        gallery.selectedItemProperty().addListener((obs, o, item) -> show(item));
    }

    private void show(ImageItem item) {
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
