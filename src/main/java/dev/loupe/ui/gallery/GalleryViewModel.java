package dev.loupe.ui.gallery;

import dev.loupe.core.ImageItem;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * State of the thumbnail gallery: which images it shows (as ids, cheap at 100k), which one is selected,
 * and the selected image's record once loaded.
 */
public final class GalleryViewModel {
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper();
    private final IntegerProperty selectedIndex = new SimpleIntegerProperty(-1);
    private final ObjectProperty<ImageItem> selectedItem = new SimpleObjectProperty<>();
    private final ObjectProperty<long[]> ids = new SimpleObjectProperty<>(new long[0]);
    private TileLoader loader;
    private java.util.function.IntConsumer onOpen = i -> { };
    private TileLoader.Ticket selectionTicket;

    public GalleryViewModel() {
        selectedIndex.addListener((obs, old, index) -> loadSelected(index.intValue()));
    }

    /** Switches to another project's tiles (or none). */
    public void setLoader(TileLoader newLoader) {
        if (loader != null) {
            loader.close();
        }
        loader = newLoader;
        show(new long[0]);
    }

    public TileLoader loader() {
        return loader;
    }

    /** Shows these images in this order; keeps the selection on the same image when it is still there. */
    public void show(long[] imageIds) {
        ImageItem selected = selectedItem.get();
        if (loader != null) {
            loader.setIds(imageIds);
        }
        count.set(imageIds.length);
        ids.set(imageIds);
        int keep = selected == null ? -1 : indexOf(imageIds, selected.id());
        if (keep < 0) {
            selectedItem.set(null);
        }
        selectedIndex.set(keep >= 0 ? keep : (imageIds.length > 0 ? 0 : -1));
        loadSelected(selectedIndex.get());
    }

    private static int indexOf(long[] ids, long id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    private void loadSelected(int index) {
        if (selectionTicket != null) {
            selectionTicket.cancel();
        }
        if (loader == null || index < 0 || index >= loader.size()) {
            selectedItem.set(null);
            return;
        }
        selectionTicket = loader.request(index, tile -> selectedItem.set(tile.item()));
    }

    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    public IntegerProperty selectedIndexProperty() {
        return selectedIndex;
    }

    public ObjectProperty<ImageItem> selectedItemProperty() {
        return selectedItem;
    }

    public ObjectProperty<long[]> idsProperty() {
        return ids;
    }

    /** What opening an image (Enter, double-click) does. */
    public void setOnOpen(java.util.function.IntConsumer action) {
        onOpen = action;
    }

    public void open(int index) {
        if (index >= 0 && index < count.get()) {
            onOpen.accept(index);
        }
    }

    /** Moves the selection by {@code delta} tiles, clamped to the gallery. */
    public void moveSelection(int delta) {
        int n = count.get();
        if (n == 0) {
            return;
        }
        int current = Math.max(0, selectedIndex.get());
        selectedIndex.set(Math.max(0, Math.min(n - 1, current + delta)));
    }
}
