package dev.loupe.ui.gallery;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** One thumbnail with its file name; shows a neutral placeholder until the thumbnail arrives. */
final class GalleryTile extends VBox {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass LOADED = PseudoClass.getPseudoClass("loaded");

    private final ImageView view = new ImageView();
    private final Label caption = new Label();
    private TileLoader.Ticket ticket;
    private int index = -1;
    private long shownId = -1;

    GalleryTile(int thumbSize, double width, double height, GalleryViewModel vm) {
        getStyleClass().add("tile");
        setAlignment(Pos.TOP_CENTER);
        setPrefSize(width, height);
        setMinSize(width, height);
        setMaxSize(width, height);
        view.setFitWidth(thumbSize);
        view.setFitHeight(thumbSize);
        view.setPreserveRatio(true);
        StackPane frame = new StackPane(view);
        frame.getStyleClass().add("tile-frame");
        frame.setPrefSize(thumbSize + 4, thumbSize + 4);
        frame.setMaxSize(thumbSize + 4, thumbSize + 4);
        caption.getStyleClass().add("tile-caption");
        caption.setMaxWidth(width - 8);
        getChildren().addAll(frame, caption);
        setOnMouseClicked(e -> {
            if (index >= 0) {
                vm.selectedIndexProperty().set(index);
                if (e.getClickCount() == 2) {
                    vm.open(index);
                }
            }
        });
    }

    void show(TileLoader loader, int newIndex, boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
        if (newIndex >= loader.size()) {
            clear();
            return;
        }
        setVisible(true);
        long id = loader.idAt(newIndex);
        if (id == shownId && newIndex == index) {
            return;
        }
        cancel();
        index = newIndex;
        shownId = id;
        var cached = loader.cachedImage(id);
        view.setImage(cached);
        pseudoClassStateChanged(LOADED, cached != null);
        caption.setText("");
        ticket = loader.request(newIndex, tile -> {
            view.setImage(tile.thumbnail());
            pseudoClassStateChanged(LOADED, tile.thumbnail() != null);
            caption.setText(tile.caption());
        });
    }

    void clear() {
        cancel();
        index = -1;
        shownId = -1;
        view.setImage(null);
        caption.setText("");
        setVisible(false);
    }

    boolean isLoaded() {
        return view.getImage() != null && !caption.getText().isEmpty();
    }

    private void cancel() {
        if (ticket != null) {
            ticket.cancel();
            ticket = null;
        }
    }
}
