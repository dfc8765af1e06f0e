package dev.loupe.media;

/**
 * Reads the orientation tag (0x0112) from a TIFF-structured EXIF block, as found in a JPEG APP1 segment
 * or a PNG eXIf chunk. Anything malformed reads as 1 (as stored): a broken tag must not make an image
 * unusable.
 */
final class ExifOrientation {
    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {
    }

    /** Orientation 1..8 from TIFF data starting at {@code start} and {@code length} bytes long. */
    static int fromTiff(byte[] b, int start, int length) {
        int end = Math.min(b.length, start + length);
        if (end - start < 8) {
            return 1;
        }
        boolean little = b[start] == 'I' && b[start + 1] == 'I';
        boolean big = b[start] == 'M' && b[start + 1] == 'M';
        if (!little && !big) {
            return 1;
        }
        long ifd = u32(b, start + 4, little);
        int entries = start + (int) Math.min(ifd, Integer.MAX_VALUE - start);
        if (ifd < 8 || entries + 2 > end) {
            return 1;
        }
        int count = u16(b, entries, little);
        for (int k = 0; k < count; k++) {
            int e = entries + 2 + 12 * k;
            if (e + 12 > end) {
                return 1;
            }
            if (u16(b, e, little) == ORIENTATION_TAG) {
                int v = u16(b, e + 8, little);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    /** Whether an orientation swaps width and height (the 90° and 270° cases). */
    static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    private static int u16(byte[] b, int i, boolean little) {
        return little ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 : (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static long u32(byte[] b, int i, boolean little) {
        return little
                ? (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24
                : (b[i] & 0xFFL) << 24 | (b[i + 1] & 0xFFL) << 16 | (b[i + 2] & 0xFFL) << 8 | (b[i + 3] & 0xFFL);
    }
}
