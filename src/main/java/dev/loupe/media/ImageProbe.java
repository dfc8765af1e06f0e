package dev.loupe.media;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.zip.CRC32;

/**
 * Checks that bytes hold a complete image and reads its size and orientation without decoding pixels.
 * JPEG and PNG (nearly every dataset) are walked marker by marker / chunk by chunk, which catches
 * truncation and corrupt structure at a fraction of a decode's cost; the rarer formats are decoded.
 */
public final class ImageProbe {

    private ImageProbe() {
    }

    public static ImageInfo probe(byte[] bytes) throws UnreadableImageException {
        if (bytes.length == 0) {
            throw new UnreadableImageException("empty file (0 bytes)");
        }
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == null) {
            throw new UnreadableImageException("not an image: the content is not JPEG, PNG, GIF, BMP or WebP");
        }
        ImageInfo info = switch (format) {
            case JPEG -> jpeg(bytes);
            case PNG -> png(bytes);
            default -> decoded(bytes, format);
        };
        checkSize(info.storedWidthPx(), info.storedHeightPx());
        return info;
    }

    /**
     * The colour channels the file stores (1 grey, 3 colour, 4 with alpha or CMYK), from its header; 3 when the
     * file cannot say (missing or unreadable: an export still writes its annotation).
     */
    public static int channels(java.nio.file.Path file) {
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(file.toFile())) {
            java.util.Iterator<javax.imageio.ImageReader> readers = in == null ? null : javax.imageio.ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return 3;
            }
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                java.util.Iterator<javax.imageio.ImageTypeSpecifier> types = reader.getImageTypes(0);
                return types.hasNext() ? types.next().getNumBands() : 3;
            } finally {
                reader.dispose();
            }
        } catch (java.io.IOException | RuntimeException e) {
            return 3;
        }
    }

    /** Refuses an image that declares more pixels than Loupe decodes (see {@link ImageDecoder#maxPixels()}). */
    static void checkSize(long width, long height) throws UnreadableImageException {
        if (width * height > ImageDecoder.maxPixels()) {
            throw new UnreadableImageException(String.format("declares %d x %d pixels, more than the %,d Loupe "
                    + "decodes (set %s to allow more)", width, height, ImageDecoder.maxPixels(),
                    ImageDecoder.MAX_PIXELS_VARIABLE));
        }
    }

    private static ImageInfo jpeg(byte[] b) throws UnreadableImageException {
        int width = -1;
        int height = -1;
        int orientation = 1;
        int pos = 2;
        while (true) {
            if (pos + 1 >= b.length) {
                throw new UnreadableImageException("truncated JPEG: the file ends before its end-of-image marker");
            }
            if ((b[pos] & 0xFF) != 0xFF) {
                throw new UnreadableImageException("corrupt JPEG: expected a marker at byte " + pos);
            }
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            if (marker == 0xD9) {
                break;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2;
                continue;
            }
            if (pos + 3 >= b.length) {
                throw new UnreadableImageException("truncated JPEG: the file ends inside a header");
            }
            int length = (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
            if (length < 2) {
                throw new UnreadableImageException("corrupt JPEG: bad segment length at byte " + pos);
            }
            int data = pos + 4;
            if (isStartOfFrame(marker) && data + 5 <= b.length) {
                height = (b[data + 1] & 0xFF) << 8 | (b[data + 2] & 0xFF);
                width = (b[data + 3] & 0xFF) << 8 | (b[data + 4] & 0xFF);
            } else if (marker == 0xE1 && length >= 8 && data + 6 <= b.length && startsWith(b, data, "Exif\0\0")) {
                orientation = ExifOrientation.fromTiff(b, data + 6, length - 8);
            }
            pos += 2 + length;
            if (marker == 0xDA) {
                pos = endOfScan(b, pos);
            }
        }
        if (width <= 0 || height <= 0) {
            throw new UnreadableImageException("corrupt JPEG: no frame header with a valid size");
        }
        return new ImageInfo(ImageFormat.JPEG, width, height, orientation);
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** Skips entropy-coded data: the scan ends at the first 0xFF not followed by a stuffed 0 or a restart marker. */
    private static int endOfScan(byte[] b, int pos) {
        int i = pos;
        while (i + 1 < b.length) {
            if ((b[i] & 0xFF) == 0xFF) {
                int next = b[i + 1] & 0xFF;
                if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7) && next != 0xFF) {
                    return i;
                }
            }
            i++;
        }
        return b.length;
    }

    private static ImageInfo png(byte[] b) throws UnreadableImageException {
        int pos = 8;
        int width = -1;
        int height = -1;
        int orientation = 1;
        CRC32 crc = new CRC32();
        while (true) {
            if (pos + 8 > b.length) {
                throw new UnreadableImageException("truncated PNG: the file ends before its IEND chunk");
            }
            long length = u32(b, pos);
            String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (length > b.length - pos - 12L) {
                throw new UnreadableImageException("truncated PNG: chunk " + type + " at byte " + pos
                        + " runs past the end of the file");
            }
            int data = pos + 8;
            crc.reset();
            crc.update(b, pos + 4, 4 + (int) length);
            if (crc.getValue() != u32(b, data + (int) length)) {
                throw new UnreadableImageException("corrupt PNG: checksum mismatch in chunk " + type + " at byte " + pos);
            }
            if (pos == 8 && !type.equals("IHDR")) {
                throw new UnreadableImageException("corrupt PNG: the first chunk is " + type + ", expected IHDR");
            }
            switch (type) {
                case "IHDR" -> {
                    width = (int) u32(b, data);
                    height = (int) u32(b, data + 4);
                }
                case "eXIf" -> orientation = ExifOrientation.fromTiff(b, data, (int) length);
                case "IEND" -> {
                    if (width <= 0 || height <= 0) {
                        throw new UnreadableImageException("corrupt PNG: invalid size " + width + "x" + height);
                    }
                    return new ImageInfo(ImageFormat.PNG, width, height, orientation);
                }
                default -> {
                }
            }
            pos = data + (int) length + 4;
        }
    }

    private static ImageInfo decoded(byte[] b, ImageFormat format) throws UnreadableImageException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(b))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadableImageException("no decoder for " + format + " is installed");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                checkSize(reader.getWidth(0), reader.getHeight(0)); // before a pixel is allocated
                var image = reader.read(0);
                return new ImageInfo(format, image.getWidth(), image.getHeight(), 1);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException("corrupt " + format + ": " + e.getMessage(), e);
        }
    }

    private static boolean startsWith(byte[] b, int at, String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            if (at + k >= b.length || b[at + k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static long u32(byte[] b, int i) {
        return (b[i] & 0xFFL) << 24 | (b[i + 1] & 0xFFL) << 16 | (b[i + 2] & 0xFFL) << 8 | (b[i + 3] & 0xFFL);
    }
}
