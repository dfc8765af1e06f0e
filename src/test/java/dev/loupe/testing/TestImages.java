package dev.loupe.testing;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/** Images made by tests: distinct small pictures and PNGs carrying an EXIF orientation. */
public final class TestImages {

    private TestImages() {
    }

    /** A small image whose pixels encode {@code seed}, so every seed gives a different file. */
    public static BufferedImage distinct(int seed, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(Color.HSBtoRGB((seed % 360) / 360f, 0.5f, 0.9f)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        for (int bit = 0; bit < 32; bit++) {
            img.setRGB(bit % width, bit / width, ((seed >>> bit) & 1) == 1 ? 0xFFFFFF : 0);
        }
        return img;
    }

    public static void writePng(BufferedImage img, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    /**
     * A PNG of {@code width x height} stored pixels with an eXIf chunk giving {@code orientation}. Its top-left
     * stored pixel is red, the rest blue, so a test can see where rotation moved it.
     */
    public static byte[] pngWithOrientation(int width, int height, int orientation) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillRect(0, 0, Math.max(1, width / 4), Math.max(1, height / 4));
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        byte[] plain = png.toByteArray();
        // TIFF, little endian, one IFD entry: orientation (0x0112), SHORT, count 1.
        ByteBuffer tiff = ByteBuffer.allocate(26).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] chunk = chunk("eXIf", tiff.array());
        int afterIhdr = 8 + 8 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, afterIhdr);
        out.write(chunk);
        out.write(plain, afterIhdr, plain.length - afterIhdr);
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        b.put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }
}
