package dev.loupe.ui.app;

import dev.loupe.core.ImageItem;
import dev.loupe.store.ProjectStore;
import dev.loupe.ui.gallery.TileLoader;
import javafx.scene.image.Image;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Thumbnails for plot hover cards: the cached thumbnail file, else the image itself scaled while loading, both
 * loaded in the background; the last few are kept so moving between neighbouring points does not reload.
 */
final class HoverThumbnails implements LongFunction<Image> {
    private static final int KEEP = 64;

    private final TileLoader loader;
    private final ProjectStore store;
    private final Map<Long, Image> recent = new LinkedHashMap<>(KEEP, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Image> eldest) {
            return size() > KEEP;
        }
    };

    HoverThumbnails(TileLoader loader, ProjectStore store) {
        this.loader = loader;
        this.store = store;
    }

    @Override
    public Image apply(long imageId) {
        return recent.computeIfAbsent(imageId, id -> store.image(id).map(this::load).orElse(null));
    }

    private Image load(ImageItem item) {
        String url = loader == null ? null : loader.thumbnailUrl(item);
        // an image on a team project's server is not fetched for a hover card: the thumbnail or nothing
        if (url == null && item.path() != null && !item.isFrame() && !store.imageBytes().onServer()) {
            url = Path.of(item.path()).toUri().toString();
        }
        return url == null ? null : new Image(url, 160, 120, true, true, true);
    }
}
