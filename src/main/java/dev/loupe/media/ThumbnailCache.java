package dev.loupe.media;

import dev.loupe.core.ImageItem;
import dev.loupe.store.ImageBytes;
import dev.loupe.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Small JPEG previews on disk, one per content hash (so the same picture in two datasets is made once),
 * oriented as displayed. Safe to call from several threads: a file appears only complete, by atomic move.
 */
public final class ThumbnailCache {
    public static final int DEFAULT_MAX_SIDE_PX = 256;
    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailCache.class);

    private final Path folder;
    private final int maxSidePx;
    private final ImageBytes images;

    /** Previews in {@code folder}, made from the images' bytes as {@code images} reads them (and shares them). */
    public ThumbnailCache(Path folder, int maxSidePx, ImageBytes images) {
        this.folder = folder;
        this.maxSidePx = maxSidePx;
        this.images = images;
    }

    public Path fileFor(String contentHash) {
        return folder.resolve(contentHash.substring(0, 2)).resolve(contentHash + ".jpg");
    }

    public boolean has(ImageItem image) {
        return Files.isRegularFile(fileFor(image.contentHash()));
    }

    /**
     * The thumbnail file of an image, made first if it is not cached yet: taken from the team project's server when
     * another desktop made it, else rendered here (and offered to the server for the others).
     */
    public Path thumbnail(ImageItem image) throws UnreadableImageException {
        Path file = fileFor(image.contentHash());
        if (Files.isRegularFile(file)) {
            return file;
        }
        Optional<byte[]> made = shared(image);
        BufferedImage small = made.isPresent() ? null : render(image);
        try {
            byte[] jpeg = made.isPresent() ? made.get() : JpegEncoder.encode(small, 0.85f);
            if (made.isEmpty()) {
                share(image, jpeg);
            }
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "thumb", ".tmp");
            try {
                Files.write(tmp, jpeg);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UnreadableImageException("cannot write thumbnail " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** The server's copy, if any; a server out of reach means rendering here. */
    private Optional<byte[]> shared(ImageItem image) {
        try {
            return images.thumbnail(image.contentHash(), maxSidePx);
        } catch (StoreException e) {
            LOG.debug("no shared thumbnail for {}: {}", image.path(), e.getMessage());
            return Optional.empty();
        }
    }

    /** A preview the server cannot take now is still made here; the next desktop renders its own. */
    private void share(ImageItem image, byte[] jpeg) {
        try {
            images.saveThumbnail(image.contentHash(), maxSidePx, jpeg);
        } catch (StoreException e) {
            LOG.debug("thumbnail of {} not shared: {}", image.path(), e.getMessage());
        }
    }

    private BufferedImage render(ImageItem image) throws UnreadableImageException {
        if (image.isFrame()) {
            return scaleToFit(ImageDecoder.decode(images, image), maxSidePx);
        }
        byte[] bytes = ImageDecoder.readBytes(ImageDecoder.fileOf(images, image));
        int shorter = Math.min(image.widthPx(), image.heightPx());
        // Subsample in the decoder while the result stays at least twice the thumbnail size: sharp and cheap.
        int subsampling = Math.max(1, shorter / (2 * maxSidePx));
        BufferedImage full = ImageDecoder.decode(bytes, image.orientation(), subsampling);
        return scaleToFit(full, maxSidePx);
    }

    /** Scales down by halving steps (plain bilinear loses detail beyond 2x) onto an opaque RGB image. */
    public static BufferedImage scaleToFit(BufferedImage src, int maxSide) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(src.getWidth(), src.getHeight()));
        int targetW = Math.max(1, (int) Math.round(src.getWidth() * scale));
        int targetH = Math.max(1, (int) Math.round(src.getHeight() * scale));
        BufferedImage current = src;
        int w = src.getWidth();
        int h = src.getHeight();
        do {
            w = Math.max(targetW, w / 2);
            h = Math.max(targetH, h / 2);
            BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, w, h);
                g.drawImage(current, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            current = next;
        } while (w != targetW || h != targetH);
        return current;
    }
}
