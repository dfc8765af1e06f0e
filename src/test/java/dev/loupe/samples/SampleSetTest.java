package dev.loupe.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleSetTest {

    @TempDir
    Path tmp;

    @Test
    void theSameSeedDrawsTheSameFilesAndTheCocoFileDescribesThem() throws Exception {
        SampleSet.Written a = SampleSet.write(tmp.resolve("a"), 6, 3);
        SampleSet.Written b = SampleSet.write(tmp.resolve("b"), 6, 3);
        for (int i = 1; i <= 6; i++) {
            String name = String.format("sample-%03d.jpg", i);
            assertArrayEquals(Files.readAllBytes(a.images().resolve(name)), Files.readAllBytes(b.images().resolve(name)));
        }
        assertEquals(Files.readString(a.annotations()), Files.readString(b.annotations()));
        JsonNode coco = new ObjectMapper().readTree(a.annotations().toFile());
        assertEquals(6, coco.get("images").size());
        assertEquals(a.boxCount(), coco.get("annotations").size());
        assertEquals(List.of("circle", "square", "triangle"),
                coco.get("categories").findValuesAsText("name"));
        for (JsonNode box : coco.get("annotations")) {
            JsonNode r = box.get("bbox");
            assertTrue(r.get(0).asDouble() >= 0 && r.get(1).asDouble() >= 0 && r.get(2).asDouble() > 0
                    && r.get(0).asDouble() + r.get(2).asDouble() <= SampleSet.WIDTH
                    && r.get(1).asDouble() + r.get(3).asDouble() <= SampleSet.HEIGHT, box.toString());
        }
    }

    /**
     * Each box is tight: the shape's own pixels, drawn alone as the scene draws it (antialiased, filled and
     * outlined) in white on black, reach every side of it.
     */
    @Test
    void boxesAreTheDrawnShapesExtent() {
        for (long seed = 0; seed < 40; seed++) {
            BufferedImage scene = new BufferedImage(SampleSet.WIDTH, SampleSet.HEIGHT, BufferedImage.TYPE_INT_RGB);
            List<SampleSet.Shape2D> shapes = SampleSet.draw(scene, new Random(seed));
            for (SampleSet.Shape2D s : shapes) {
                BufferedImage alone = new BufferedImage(SampleSet.WIDTH, SampleSet.HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
                var g = alone.createGraphics();
                g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
                g.setStroke(SampleSet.OUTLINE);
                g.setColor(java.awt.Color.WHITE);
                g.fill(s.outline());
                g.draw(s.outline());
                g.dispose();
                Rectangle2D lit = litExtent(alone);
                Rectangle2D box = s.box();
                assertEquals(box.getMinX(), lit.getMinX(), 1.5, "left of " + s);
                assertEquals(box.getMinY(), lit.getMinY(), 1.5, "top of " + s);
                assertEquals(box.getMaxX(), lit.getMaxX(), 1.5, "right of " + s);
                assertEquals(box.getMaxY(), lit.getMaxY(), 1.5, "bottom of " + s);
            }
        }
    }

    private static Rectangle2D litExtent(BufferedImage img) {
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xff) > 0) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x + 1);
                    y1 = Math.max(y1, y + 1);
                }
            }
        }
        return new Rectangle2D.Double(x0, y0, x1 - x0, y1 - y0);
    }
}
