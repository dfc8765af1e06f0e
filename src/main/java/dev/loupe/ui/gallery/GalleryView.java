package dev.loupe.ui.gallery;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

import java.util.AbstractList;

/**
 * A virtualised thumbnail grid: a ListView of rows, each row a strip of tiles, so only the visible rows
 * exist as nodes whatever the number of images. Arrow keys, Page Up/Down, Home and End move the selection.
 */
public final class GalleryView extends StackPane {
    static final double TILE_WIDTH = 176;
    static final double TILE_HEIGHT = 196;
    public static final int THUMB_SIZE = 160;

    private final GalleryViewModel vm;
    private final ListView<Integer> rows = new ListView<>();
    private final Label empty = new Label("No images yet — drop a folder here or use Import images");
    private int columns = 1;

    public GalleryView(GalleryViewModel vm) {
        this.vm = vm;
        getStyleClass().add("gallery");
        rows.setId("galleryRows");
        rows.getStyleClass().add("gallery-rows");
        rows.setFixedCellSize(TILE_HEIGHT);
        rows.setCellFactory(v -> new RowCell());
        rows.setPlaceholder(empty);
        empty.getStyleClass().add("placeholder");
        getChildren().add(rows);
        rows.widthProperty().addListener((obs, o, w) -> relayout());
        vm.idsProperty().addListener((obs, o, n) -> relayout());
        vm.selectedIndexProperty().addListener((obs, o, n) -> {
            rows.refresh();
            ensureVisible(n.intValue());
        });
        rows.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        rows.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> rows.requestFocus());
    }

    public ListView<Integer> rowsView() {
        return rows;
    }

    /** Whether every tile on screen shows its thumbnail and name (the page is fully painted). */
    public boolean isPageLoaded() {
        int count = vm.countProperty().get();
        if (count == 0 || !(rows.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)
                || flow.getFirstVisibleCell() == null) {
            return false;
        }
        for (int r = flow.getFirstVisibleCell().getIndex(); r <= flow.getLastVisibleCell().getIndex(); r++) {
            IndexedCell<?> cell = flow.getVisibleCell(r);
            if (cell == null || !(cell.getGraphic() instanceof HBox strip)) {
                return false;
            }
            for (var tile : strip.getChildren()) {
                if (tile.isVisible() && !((GalleryTile) tile).isLoaded()) {
                    return false;
                }
            }
        }
        return true;
    }

    private void relayout() {
        // the list's padding and its vertical scroll bar take about 30 px
        double usable = Math.max(TILE_WIDTH, rows.getWidth() - 30);
        columns = Math.max(1, (int) (usable / TILE_WIDTH));
        int count = vm.countProperty().get();
        int rowCount = (count + columns - 1) / columns;
        rows.setItems(rowIndices(rowCount));
        rows.refresh();
    }

    private static ObservableList<Integer> rowIndices(int n) {
        return FXCollections.observableList(new AbstractList<>() {
            @Override
            public Integer get(int index) {
                return index;
            }

            @Override
            public int size() {
                return n;
            }
        });
    }

    private void onKey(KeyEvent e) {
        int page = columns * Math.max(1, (int) (rows.getHeight() / TILE_HEIGHT));
        int delta = switch (e.getCode()) {
            case LEFT -> -1;
            case RIGHT -> 1;
            case UP -> -columns;
            case DOWN -> columns;
            case PAGE_UP -> -page;
            case PAGE_DOWN -> page;
            case HOME -> Integer.MIN_VALUE / 2;
            case END -> Integer.MAX_VALUE / 2;
            default -> 0;
        };
        if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
            vm.open(vm.selectedIndexProperty().get());
            e.consume();
            return;
        }
        if (delta != 0) {
            vm.moveSelection(delta);
            e.consume();
        }
    }

    private void ensureVisible(int index) {
        if (index < 0) {
            return;
        }
        int row = index / columns;
        if (rows.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            IndexedCell<?> first = flow.getFirstVisibleCell();
            IndexedCell<?> last = flow.getLastVisibleCell();
            if (first != null && last != null && row > first.getIndex() && row < last.getIndex()) {
                return;
            }
            if (first != null && row <= first.getIndex()) {
                flow.scrollTo(row);
                return;
            }
            flow.scrollToTop(Math.max(0, row - Math.max(0, (int) (rows.getHeight() / TILE_HEIGHT) - 1)));
            return;
        }
        rows.scrollTo(row);
    }

    /** One row of tiles; tiles are reused as the row is recycled. */
    private final class RowCell extends ListCell<Integer> {
        private final HBox strip = new HBox();

        RowCell() {
            getStyleClass().add("gallery-row");
            strip.getStyleClass().add("gallery-strip");
        }

        @Override
        protected void updateItem(Integer row, boolean isEmpty) {
            super.updateItem(row, isEmpty);
            TileLoader loader = vm.loader();
            if (isEmpty || row == null || loader == null) {
                strip.getChildren().forEach(n -> ((GalleryTile) n).clear());
                setGraphic(null);
                return;
            }
            while (strip.getChildren().size() < columns) {
                strip.getChildren().add(new GalleryTile(THUMB_SIZE, TILE_WIDTH, TILE_HEIGHT, vm));
            }
            if (strip.getChildren().size() > columns) {
                strip.getChildren().subList(columns, strip.getChildren().size())
                        .forEach(n -> ((GalleryTile) n).clear());
                strip.getChildren().remove(columns, strip.getChildren().size());
            }
            for (int k = 0; k < columns; k++) {
                int index = row * columns + k;
                ((GalleryTile) strip.getChildren().get(k)).show(loader, index, index == vm.selectedIndexProperty().get());
            }
            setGraphic(strip);
        }
    }
}
