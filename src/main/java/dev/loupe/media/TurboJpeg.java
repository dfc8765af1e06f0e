package dev.loupe.media;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * JPEG decoding through the system's libjpeg-turbo (TurboJPEG API, SIMD): on coco-dev 1.74 ms an image against
 * ImageIO's 2.5 ms, with libjpeg's own output (the models' training pixels: no colour profile applied) and scaled
 * decoding in the DCT domain (1/2, 1/4, 1/8) for thumbnails. When the library is not installed (Debian:
 * libturbojpeg0) Loupe decodes with ImageIO instead; OpenCV's builds on Maven Central carry a libjpeg-turbo without
 * SIMD, slower here than ImageIO.
 */
final class TurboJpeg {
    private static final int PIXEL_FORMAT_BGR = 1;
    private static final Api API = load();
    /** A decompressor and reusable native buffers per thread: TurboJPEG handles are not shared between threads. */
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** The TurboJPEG functions Loupe calls. */
    interface Api extends Library {
        Pointer tjInitDecompress();

        int tjDecompressHeader3(Pointer handle, Pointer jpeg, NativeLong size, int[] width, int[] height,
                                int[] subsampling, int[] colorspace);

        int tjDecompress2(Pointer handle, Pointer jpeg, NativeLong size, Pointer target, int width, int pitch,
                          int height, int pixelFormat, int flags);

        String tjGetErrorStr2(Pointer handle);
    }

    private static final class Buffers {
        final Pointer handle = API.tjInitDecompress();
        Memory in = new Memory(1);
        Memory out = new Memory(1);

        Memory in(int size) {
            if (in.size() < size) {
                in.close();
                in = new Memory(size);
            }
            return in;
        }

        Memory out(long size) {
            if (out.size() < size) {
                out.close();
                out = new Memory(size);
            }
            return out;
        }
    }

    private TurboJpeg() {
    }

    private static Api load() {
        try {
            return Native.load("turbojpeg", Api.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(TurboJpeg.class).info("libjpeg-turbo not found ({}): JPEGs decode with "
                    + "ImageIO, about 1.5x slower (Debian: apt-get install libturbojpeg0)", e.getMessage());
            return null;
        }
    }

    static boolean isAvailable() {
        return API != null;
    }

    /**
     * The image as TYPE_3BYTE_BGR, reduced by {@code reduction} (1, 2, 4 or 8) in the DCT domain, or null when
     * libjpeg-turbo is missing or cannot decode this file (CMYK, or damage it will not report): ImageIO then decodes
     * it or says why.
     */
    static BufferedImage decode(byte[] jpeg, int reduction) {
        if (API == null) {
            return null;
        }
        Buffers b = BUFFERS.get();
        Memory in = b.in(jpeg.length);
        in.write(0, jpeg, 0, jpeg.length);
        NativeLong size = new NativeLong(jpeg.length);
        int[] width = new int[1];
        int[] height = new int[1];
        if (API.tjDecompressHeader3(b.handle, in, size, width, height, new int[1], new int[1]) != 0) {
            return null;
        }
        // TurboJPEG's TJSCALED: the scaled size rounds up
        int w = (width[0] + reduction - 1) / reduction;
        int h = (height[0] + reduction - 1) / reduction;
        Memory out = b.out((long) w * h * 3);
        if (API.tjDecompress2(b.handle, in, size, out, w, w * 3, h, PIXEL_FORMAT_BGR, 0) != 0) {
            return null;
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        out.read(0, ((DataBufferByte) img.getRaster().getDataBuffer()).getData(), 0, w * h * 3);
        return img;
    }
}
