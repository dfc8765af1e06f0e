package dev.loupe.ui.gallery;

import dev.loupe.core.ImageItem;
import dev.loupe.media.ThumbnailCache;
import dev.loupe.media.UnreadableImageException;
import dev.loupe.store.ProjectStore;
import javafx.application.Platform;
import javafx.scene.image.Image;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Loads gallery tiles (the image record and its thumbnail) off the FX thread. Newest requests run first
 * and requests for tiles scrolled out of view are dropped, so fast scrolling through 100k images stays
 * responsive; records are fetched in blocks and thumbnails kept in a bounded LRU cache.
 */
public final class TileLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TileLoader.class);
    private static final int BLOCK = 256;
    private static final int MAX_IMAGES = 600;
    private static final int MAX_BLOCKS = 64;

    /** What a tile shows: the image (a clip's first frame for a clip), its preview and its caption. */
    public record Tile(ImageItem item, Image thumbnail, String caption) {
    }

    /** A picture's file name; a clip's name, length and frame count (the gallery shows a clip as one tile). */
    private String caption(ImageItem item) {
        if (!item.isFrame()) {
            return item.fileName();
        }
        dev.loupe.core.Video v = clips.computeIfAbsent(item.videoId(), id -> store.video(id).orElse(null));
        if (v == null) {
            return item.fileName();
        }
        long seconds = Math.round(v.duration());
        return String.format("▶ %d:%02d · %,d frames · %s", seconds / 60, seconds % 60, v.frames(), v.fileName());
    }

    /** A pending request; cancelling it means its tile no longer wants the result. */
    public static final class Ticket {
        private final AtomicBoolean cancelled = new AtomicBoolean();

        public void cancel() {
            cancelled.set(true);
        }

        boolean isCancelled() {
            return cancelled.get();
        }
    }

    private final ProjectStore store;
    /** Clips by id, for their tiles' captions (read once, from the loader's threads). */
    private final java.util.Map<Long, dev.loupe.core.Video> clips = new java.util.concurrent.ConcurrentHashMap<>();
    private final ThumbnailCache thumbnails;
    private final int displaySizePx;
    private final ThreadPoolExecutor pool;
    private final Map<Long, Image> images = lru(MAX_IMAGES);
    private final Map<Integer, List<ImageItem>> blocks = lru(MAX_BLOCKS);
    private volatile long[] ids = new long[0];

    public TileLoader(ProjectStore store, ThumbnailCache thumbnails, int displaySizePx) {
        this.store = store;
        this.thumbnails = thumbnails;
        this.displaySizePx = displaySizePx;
        AtomicInteger n = new AtomicInteger();
        // A deque used as a stack: the most recently requested (visible) tiles load first.
        LinkedBlockingDeque<Runnable> stack = new LinkedBlockingDeque<>() {
            @Override
            public boolean offer(Runnable r) {
                return offerFirst(r);
            }
        };
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, stack, r -> {
            Thread t = new Thread(r, "loupe-tiles-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    /** The image ids the gallery shows, in order; tiles are addressed by index into it. */
    public void setIds(long[] newIds) {
        this.ids = newIds;
        synchronized (blocks) {
            blocks.clear();
        }
    }

    public int size() {
        return ids.length;
    }

    public long idAt(int index) {
        return ids[index];
    }

    /** Thumbnail already in memory, or null. */
    public Image cachedImage(long imageId) {
        synchronized (images) {
            return images.get(imageId);
        }
    }

    /** URL of the image's cached thumbnail file (full thumbnail size, sharper than a tile), or null. */
    public String thumbnailUrl(ImageItem item) {
        Path file = thumbnails.fileFor(item.contentHash());
        return Files.isRegularFile(file) ? file.toUri().toString() : null;
    }

    /** Loads tile {@code index} in the background and hands it to {@code done} on the FX thread. */
    public Ticket request(int index, Consumer<Tile> done) {
        Ticket ticket = new Ticket();
        long[] snapshot = ids;
        pool.execute(() -> {
            if (ticket.isCancelled() || index >= snapshot.length) {
                return;
            }
            ImageItem item;
            Image image;
            String caption;
            try {
                item = record(snapshot, index);
                if (item == null || ticket.isCancelled()) {
                    return;
                }
                image = thumbnail(item);
                caption = caption(item);
            } catch (RuntimeException e) {
                if (pool.isShutdown()) {
                    return; // closing interrupted this read: the tile is no longer wanted
                }
                throw e;
            }
            Platform.runLater(() -> {
                if (!ticket.isCancelled()) {
                    done.accept(new Tile(item, image, caption));
                }
            });
        });
        return ticket;
    }

    private ImageItem record(long[] snapshot, int index) {
        int block = index / BLOCK;
        List<ImageItem> items;
        synchronized (blocks) {
            items = snapshot == ids ? blocks.get(block) : null;
        }
        if (items == null) {
            long[] blockIds = Arrays.copyOfRange(snapshot, block * BLOCK, Math.min(snapshot.length, (block + 1) * BLOCK));
            items = store.images(blockIds);
            synchronized (blocks) {
                if (snapshot == ids) {
                    blocks.put(block, items);
                }
            }
        }
        long id = snapshot[index];
        for (ImageItem it : items) {
            if (it.id() == id) {
                return it;
            }
        }
        return null;
    }

    private Image thumbnail(ImageItem item) {
        Image cached = cachedImage(item.id());
        if (cached != null) {
            return cached;
        }
        try {
            String url = thumbnails.thumbnail(item).toUri().toString();
            Image image = new Image(url, displaySizePx, displaySizePx, true, true, false);
            synchronized (images) {
                images.put(item.id(), image);
            }
            return image;
        } catch (UnreadableImageException e) {
            LOG.warn("no thumbnail for {}: {}", item.path(), e.getMessage());
            return null;
        }
    }

    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(max * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    /** Stops loading; waits briefly for a running tile so the store can close under no query. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
