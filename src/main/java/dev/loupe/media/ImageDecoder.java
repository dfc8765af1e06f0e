package dev.loupe.media;

import dev.loupe.core.ImageItem;
import dev.loupe.store.ImageBytes;
import dev.loupe.store.StoreException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Decodes image files to pixels the way detectors were trained to see them: JPEG colour profiles are
 * ignored (plain libjpeg output; applying them shifts pixels and makes some files fail), and the EXIF
 * orientation is applied so pixels match the display frame that boxes use. JPEGs go through libjpeg-turbo
 * ({@link TurboJpeg}) where it is installed; ImageIO reads the other formats and any JPEG libjpeg refuses.
 */
public final class ImageDecoder {
    /** Overrides {@link #DEFAULT_MAX_PIXELS}: the most pixels an image may declare to be decoded. */
    public static final String MAX_PIXELS_VARIABLE = "LOUPE_MAX_PIXELS";
    /** 250 megapixels, twice a 100-megapixel camera's frames; 1 GB as 32-bit pixels. */
    public static final long DEFAULT_MAX_PIXELS = 250_000_000L;
    private static final long MAX_PIXELS = Limits.fromEnvironment(MAX_PIXELS_VARIABLE, DEFAULT_MAX_PIXELS);

    private ImageDecoder() {
    }

    /** The pixel cap in force: {@code $LOUPE_MAX_PIXELS} when set to a positive number, else the default. */
    public static long maxPixels() {
        return MAX_PIXELS;
    }

    public static BufferedImage decode(Path file, int orientation) throws UnreadableImageException {
        return decode(readBytes(file), orientation, 1);
    }

    /** A project's image in display orientation, its bytes read where the project keeps them (a frame from its clip). */
    public static BufferedImage decode(ImageBytes images, ImageItem image) throws UnreadableImageException {
        if (image.isFrame()) {
            try {
                return dev.loupe.video.FrameReader.frame(Path.of(image.path()), image.frameIndex());
            } catch (dev.loupe.video.VideoException e) {
                throw new UnreadableImageException(e.getMessage(), e);
            }
        }
        return decode(fileOf(images, image), image.orientation());
    }

    /** The file with the image's bytes on this computer (fetched from a team project's server when it must be). */
    public static Path fileOf(ImageBytes images, ImageItem image) throws UnreadableImageException {
        try {
            return images.file(image);
        } catch (java.io.IOException | StoreException e) {
            throw new UnreadableImageException(e.getMessage(), e);
        }
    }

    /**
     * Decodes at 1 / {@code subsampling} of the size or a little more (cheaper for thumbnails: JPEGs take the largest
     * DCT reduction of 1/2, 1/4, 1/8 not beyond it, other formats every n-th pixel), then applies the orientation.
     * JPEGs come as TYPE_3BYTE_BGR from libjpeg-turbo; other formats (and JPEGs without it) as ImageIO reads them.
     */
    public static BufferedImage decode(byte[] bytes, int orientation, int subsampling) throws UnreadableImageException {
        if (ImageFormat.sniff(bytes) == ImageFormat.JPEG && TurboJpeg.isAvailable()) {
            BufferedImage fast = decodeJpeg(bytes, orientation, subsampling);
            if (fast != null) {
                return fast;
            }
        }
        return decodeWithImageIo(bytes, orientation, subsampling);
    }

    /** ImageIO's decode: every format, and the reason a file cannot be read. */
    static BufferedImage decodeWithImageIo(byte[] bytes, int orientation, int subsampling) throws UnreadableImageException {
        byte[] data = ImageFormat.sniff(bytes) == ImageFormat.JPEG ? withoutIccProfile(bytes) : bytes;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadableImageException("not a decodable image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // the header's size, checked before a single pixel is allocated: a 1 KB file may declare 40000²
                ImageProbe.checkSize(reader.getWidth(0) / subsampling, reader.getHeight(0) / subsampling);
                ImageReadParam param = reader.getDefaultReadParam();
                if (subsampling > 1) {
                    param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                }
                return orient(reader.read(0, param), orientation);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException("cannot decode image: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) { // one image too big for the heap must not end a whole run
            throw new UnreadableImageException("not enough memory to decode it", e);
        }
    }

    /**
     * A JPEG through libjpeg-turbo, or null to leave it to ImageIO (a file libjpeg refuses: ImageIO then decodes it
     * or says why). Subsampling picks the largest DCT reduction (1/2, 1/4, 1/8) it allows, which is at least as
     * large as asked.
     */
    private static BufferedImage decodeJpeg(byte[] bytes, int orientation, int subsampling)
            throws UnreadableImageException {
        // the same checks as at import: a truncated or corrupt file fails with its reason (libjpeg would fill it
        // with grey), an oversized one before a pixel is allocated
        ImageProbe.probe(bytes);
        int reduction = subsampling >= 8 ? 8 : subsampling >= 4 ? 4 : subsampling >= 2 ? 2 : 1;
        try {
            BufferedImage img = TurboJpeg.decode(bytes, reduction);
            return img == null ? null : orient(img, orientation);
        } catch (OutOfMemoryError e) {
            throw new UnreadableImageException("not enough memory to decode it", e);
        }
    }

    static byte[] readBytes(Path file) throws UnreadableImageException {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UnreadableImageException("file not found: " + file, e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UnreadableImageException("permission denied: " + file, e);
        } catch (IOException e) {
            throw new UnreadableImageException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The JPEG without its APP2 ICC_PROFILE segments; other bytes are kept as they are. */
    static byte[] withoutIccProfile(byte[] b) {
        ByteArrayOutputStream out = null;
        int copiedUpTo = 0;
        int pos = 2;
        while (pos + 3 < b.length && (b[pos] & 0xFF) == 0xFF) {
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int length = (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
            if (marker == 0xE2 && isIcc(b, pos + 4)) {
                if (out == null) {
                    out = new ByteArrayOutputStream(b.length);
                }
                out.write(b, copiedUpTo, pos - copiedUpTo);
                copiedUpTo = pos + 2 + length;
            }
            pos += 2 + length;
        }
        if (out == null) {
            return b;
        }
        out.write(b, copiedUpTo, b.length - copiedUpTo);
        return out.toByteArray();
    }

    private static boolean isIcc(byte[] b, int at) {
        String tag = "ICC_PROFILE";
        if (at + tag.length() > b.length) {
            return false;
        }
        for (int k = 0; k < tag.length(); k++) {
            if (b[at + k] != tag.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Applies EXIF orientation 1..8 (TIFF 6.0 semantics). */
    public static BufferedImage orient(BufferedImage src, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = ExifOrientation.swapsAxes(orientation);
        // Maps stored pixel (x, y) to display; AffineTransform(m00, m10, m01, m11, m02, m12).
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            default -> new AffineTransform(0, -1, 1, 0, 0, w);
        };
        int type = src.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, type);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(src, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
