package dev.loupe.media;

import dev.loupe.testing.Required;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** libjpeg-turbo decodes exactly the pixels ImageIO decodes, and Loupe's reading rules hold on that path too. */
class TurboJpegTest {

    @BeforeEach
    void needsTheLibrary() {
        Required.resource(TurboJpeg.isAvailable(), "libjpeg-turbo is not installed (Debian: apt-get install libturbojpeg0)");
    }

    @Test
    void everyCocoDevJpegDecodesToTheSamePixelsAsImageIo() throws Exception {
        List<Path> files = ImportSources.fromFolder(SharedData.cocoDev()).stream().map(ImportCandidate::file).toList();
        int gray = 0;
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            BufferedImage fast = ImageDecoder.decode(bytes, 1, 1);
            BufferedImage reference = ImageDecoder.decodeWithImageIo(bytes, 1, 1);
            assertEquals(BufferedImage.TYPE_3BYTE_BGR, fast.getType(), f.toString());
            gray += reference.getRaster().getNumBands() == 1 ? 1 : 0;
            assertSamePixels(reference, fast, f.toString());
        }
        assertEquals(306, files.size());
        assertTrue(gray >= 2, "grey JPEGs are among them (their one band against each of the three): " + gray);
    }

    @Test
    void orientationAndColourProfilesFollowTheSameRules() throws Exception {
        // an RGB JPEG carrying a grey ICC profile: the profile is ignored on both paths
        byte[] profiled = Files.readAllBytes(SharedData.cocoDev().resolve("subset128-train/images/000000262777.jpg"));
        assertSamePixels(ImageDecoder.decodeWithImageIo(profiled, 1, 1), ImageDecoder.decode(profiled, 1, 1), "profiled");
        byte[] photo = Files.readAllBytes(SharedData.photos().resolve("kite.jpg"));
        for (int orientation = 1; orientation <= 8; orientation++) {
            assertSamePixels(ImageDecoder.decodeWithImageIo(photo, orientation, 1), ImageDecoder.decode(photo, orientation, 1),
                    "orientation " + orientation);
        }
    }

    @Test
    void damagedFilesKeepTheirReasonAndThumbnailsDecodeScaledInTheDctDomain() throws Exception {
        byte[] photo = Files.readAllBytes(SharedData.photos().resolve("kite.jpg"));
        UnreadableImageException truncated = assertThrows(UnreadableImageException.class,
                () -> ImageDecoder.decode(Arrays.copyOf(photo, photo.length / 2), 1, 1));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());

        BufferedImage full = ImageDecoder.decode(photo, 1, 1);
        for (int reduction : new int[]{2, 4, 8}) {
            BufferedImage small = ImageDecoder.decode(photo, 1, reduction + 1); // rounds down to the DCT reduction
            assertEquals((full.getWidth() + reduction - 1) / reduction, small.getWidth());
            assertEquals((full.getHeight() + reduction - 1) / reduction, small.getHeight());
            assertEquals(mean(full), mean(small), 2.0, "the same picture, smaller");
        }
        assertNull(TurboJpeg.decode(Files.readAllBytes(SharedData.photos().resolve("street.png")), 1),
                "not a JPEG: left to ImageIO");
    }

    private static void assertSamePixels(BufferedImage reference, BufferedImage fast, String what) {
        assertEquals(reference.getWidth(), fast.getWidth(), what);
        assertEquals(reference.getHeight(), fast.getHeight(), what);
        Raster r = reference.getRaster();
        Raster f = fast.getRaster();
        boolean grey = r.getNumBands() == 1;
        int[] want = new int[r.getNumBands()];
        int[] got = new int[3];
        for (int y = 0; y < r.getHeight(); y++) {
            for (int x = 0; x < r.getWidth(); x++) {
                r.getPixel(x, y, want);
                f.getPixel(x, y, got);
                for (int k = 0; k < 3; k++) {
                    if (want[grey ? 0 : k] != got[k]) {
                        throw new AssertionError(what + ": pixel " + x + "," + y + " band " + k + " is " + got[k]
                                + ", ImageIO gives " + want[grey ? 0 : k]);
                    }
                }
            }
        }
    }

    private static double mean(BufferedImage img) {
        Raster r = img.getRaster();
        double sum = 0;
        int[] px = new int[3];
        for (int y = 0; y < r.getHeight(); y++) {
            for (int x = 0; x < r.getWidth(); x++) {
                r.getPixel(x, y, px);
                sum += px[0] + px[1] + px[2];
            }
        }
        return sum / (3.0 * r.getWidth() * r.getHeight());
    }
}
