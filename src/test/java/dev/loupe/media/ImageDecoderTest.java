package dev.loupe.media;

import dev.loupe.testing.SharedData;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDecoderTest {

    @Test
    void decodesTheRgbJpegThatCarriesAGrayColourProfile() throws Exception {
        Path file = SharedData.cocoDev().resolve("subset128-train/images/000000262777.jpg");
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(ImageDecoder.withoutIccProfile(bytes).length < bytes.length, "the profile is stripped");
        BufferedImage img = ImageDecoder.decode(file, 1);
        ImageInfo info = ImageProbe.probe(bytes);
        assertEquals(info.widthPx(), img.getWidth());
        assertEquals(info.heightPx(), img.getHeight());
        double mean = 0;
        double meanSq = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                int g = img.getRGB(x, y) & 0xFF;
                mean += g;
                meanSq += (double) g * g;
                n++;
            }
        }
        mean /= n;
        assertTrue(meanSq / n - mean * mean > 100, "decoded real content, not a blank image");
        assertThrows(Exception.class, () -> javax.imageio.ImageIO.read(file.toFile()),
                "plain ImageIO applies the profile and fails: the reason the profile is stripped");
    }

    @Test
    void leavesJpegsWithoutAProfileUntouched() throws Exception {
        byte[] bytes = Files.readAllBytes(SharedData.photos().resolve("kite.jpg"));
        assertSame(bytes, ImageDecoder.withoutIccProfile(bytes));
    }

    @Test
    void everyExifOrientationPutsTheStoredTopLeftCornerWhereTheTagSays() throws Exception {
        // stored 80x40, red in the stored top-left quarter; expected display corner of that red block
        String[] corner = {null, "TL", "TR", "BR", "BL", "TL", "TR", "BR", "BL"};
        for (int o = 1; o <= 8; o++) {
            BufferedImage img = ImageDecoder.decode(TestImages.pngWithOrientation(80, 40, o), o, 1);
            boolean swapped = o >= 5;
            assertEquals(swapped ? 40 : 80, img.getWidth(), "width for orientation " + o);
            int w = img.getWidth();
            int h = img.getHeight();
            String red = isRed(img.getRGB(1, 1)) ? "TL" : isRed(img.getRGB(w - 2, 1)) ? "TR"
                    : isRed(img.getRGB(w - 2, h - 2)) ? "BR" : isRed(img.getRGB(1, h - 2)) ? "BL" : "none";
            assertEquals(corner[o], red, "orientation " + o);
        }
    }

    private static boolean isRed(int rgb) {
        return ((rgb >> 16) & 0xFF) > 200 && (rgb & 0xFF) < 50;
    }
}
