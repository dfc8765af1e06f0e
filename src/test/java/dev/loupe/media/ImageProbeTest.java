package dev.loupe.media;

import dev.loupe.testing.SharedData;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageProbeTest {

    @Test
    void readsTheSizeOfEveryRealCocoImageAsImageIoDecodesIt() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(SharedData.cocoDev())) {
            files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(40).toList();
        }
        assertEquals(40, files.size());
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            ImageInfo info = ImageProbe.probe(bytes);
            BufferedImage decoded = ImageDecoder.decode(bytes, info.orientation(), 1);
            assertEquals(decoded.getWidth(), info.widthPx(), f.toString());
            assertEquals(decoded.getHeight(), info.heightPx(), f.toString());
        }
    }

    @Test
    void rejectsTruncatedCorruptEmptyAndNonImageBytes() throws Exception {
        byte[] jpeg = Files.readAllBytes(SharedData.photos().resolve("dog.jpg"));
        UnreadableImageException truncated = assertThrows(UnreadableImageException.class,
                () -> ImageProbe.probe(Arrays.copyOf(jpeg, jpeg.length / 2)));
        assertTrue(truncated.getMessage().startsWith("truncated JPEG"), truncated.getMessage());

        byte[] corrupt = jpeg.clone();
        Arrays.fill(corrupt, 4, 600, (byte) 0x41);
        assertTrue(assertThrows(UnreadableImageException.class, () -> ImageProbe.probe(corrupt))
                .getMessage().startsWith("corrupt JPEG"));

        assertEquals("empty file (0 bytes)",
                assertThrows(UnreadableImageException.class, () -> ImageProbe.probe(new byte[0])).getMessage());
        assertTrue(assertThrows(UnreadableImageException.class,
                () -> ImageProbe.probe("hello, I am text".getBytes(StandardCharsets.UTF_8))).getMessage()
                .startsWith("not an image"));

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(TestImages.distinct(7, 40, 30), "png", png);
        byte[] pngBytes = png.toByteArray();
        assertEquals(40, ImageProbe.probe(pngBytes).widthPx());
        assertTrue(assertThrows(UnreadableImageException.class,
                () -> ImageProbe.probe(Arrays.copyOf(pngBytes, pngBytes.length - 10))).getMessage()
                .startsWith("truncated PNG"));
        byte[] flipped = pngBytes.clone();
        flipped[40] ^= 0x55;
        assertTrue(assertThrows(UnreadableImageException.class, () -> ImageProbe.probe(flipped)).getMessage()
                .startsWith("corrupt PNG"));
    }

    @Test
    void pngExifOrientationSwapsTheDisplaySize() throws Exception {
        ImageInfo info = ImageProbe.probe(TestImages.pngWithOrientation(80, 40, 6));
        assertEquals(6, info.orientation());
        assertEquals(40, info.widthPx());
        assertEquals(80, info.heightPx());
        assertEquals(1, ImageProbe.probe(TestImages.pngWithOrientation(80, 40, 1)).orientation());
    }

    @Test
    void readsOtherFormatsThroughTheirDecoders() throws Exception {
        for (String format : List.of("bmp", "gif")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(TestImages.distinct(3, 33, 21), format, out);
            ImageInfo info = ImageProbe.probe(out.toByteArray());
            assertEquals(33, info.widthPx(), format);
            assertEquals(21, info.heightPx(), format);
        }
    }
}
