package dev.loupe.samples;

import com.fasterxml.jackson.databind.ObjectMapper;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small labelled dataset that Loupe draws itself, so a new user can try the whole loop without finding data:
 * circles, squares and triangles on lit or dark, calm or busy backgrounds, from one to a crowd per image, with
 * exact boxes (the drawn shapes' bounds) written as COCO {@code instances.json} beside {@code images/}. The
 * same seed draws the same set.
 */
public final class SampleSet {
    public static final List<String> CLASSES = List.of("circle", "square", "triangle");
    public static final int WIDTH = 640;
    public static final int HEIGHT = 480;
    /** Round joins: a mitred outline would poke past the box at a triangle's tips. */
    static final BasicStroke OUTLINE = new BasicStroke(1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    /** One drawn object: its class index, its outline and its box (the outline's bounds inside the image). */
    public record Shape2D(int category, Shape outline, Rectangle2D box) {
    }

    /** What was written: the folders and the count of images and boxes. */
    public record Written(Path folder, Path images, Path annotations, int imageCount, int boxCount) {
    }

    private SampleSet() {
    }

    /** Draws {@code count} images into {@code folder}/images and their boxes into {@code folder}/instances.json. */
    public static Written write(Path folder, int count, long seed) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("a sample set needs at least one image, got " + count);
        }
        Path images = folder.resolve("images");
        Files.createDirectories(images);
        Random random = new Random(seed);
        List<Map<String, Object>> imageRows = new ArrayList<>();
        List<Map<String, Object>> boxRows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            BufferedImage canvas = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
            List<Shape2D> shapes = draw(canvas, random);
            String name = String.format("sample-%03d.jpg", i);
            ImageIO.write(canvas, "jpg", images.resolve(name).toFile());
            imageRows.add(Map.of("id", i, "file_name", name, "width", WIDTH, "height", HEIGHT));
            for (Shape2D s : shapes) {
                Rectangle2D b = s.box();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", boxRows.size() + 1);
                row.put("image_id", i);
                row.put("category_id", s.category() + 1);
                row.put("bbox", List.of(round(b.getX()), round(b.getY()), round(b.getWidth()), round(b.getHeight())));
                row.put("area", round(b.getWidth() * b.getHeight()));
                row.put("iscrowd", 0);
                boxRows.add(row);
            }
        }
        List<Map<String, Object>> categories = new ArrayList<>();
        for (int c = 0; c < CLASSES.size(); c++) {
            categories.add(Map.of("id", c + 1, "name", CLASSES.get(c), "supercategory", "shape"));
        }
        Map<String, Object> coco = new LinkedHashMap<>();
        coco.put("info", Map.of("description", "Loupe sample set (drawn shapes), seed " + seed));
        coco.put("images", imageRows);
        coco.put("annotations", boxRows);
        coco.put("categories", categories);
        Path annotations = folder.resolve("instances.json");
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(annotations.toFile(), coco);
        return new Written(folder, images, annotations, count, boxRows.size());
    }

    /**
     * Paints one scene and returns its objects. The scene's light, background detail and object count vary
     * independently, so image metrics (brightness, entropy, box size) spread and the clusters differ.
     */
    static List<Shape2D> draw(BufferedImage canvas, Random random) {
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setStroke(OUTLINE);
            float light = 0.25f + 0.75f * random.nextFloat();
            g.setPaint(new GradientPaint(0, 0, tone(random, light), 0, HEIGHT, tone(random, light * 0.7f)));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int clutter = random.nextInt(4) == 0 ? 60 + random.nextInt(80) : random.nextInt(8);
            for (int i = 0; i < clutter; i++) {
                g.setColor(withAlpha(tone(random, light), 40 + random.nextInt(60)));
                int w = 4 + random.nextInt(60);
                g.fillRect(random.nextInt(WIDTH), random.nextInt(HEIGHT), w, 2 + random.nextInt(8));
            }
            boolean crowd = random.nextInt(5) == 0;
            int objects = crowd ? 12 + random.nextInt(14) : 1 + random.nextInt(5);
            List<Shape2D> out = new ArrayList<>();
            for (int i = 0; i < objects; i++) {
                int category = random.nextInt(CLASSES.size());
                double size = crowd ? 16 + random.nextDouble() * 40 : 40 + random.nextDouble() * 200;
                double cx = size / 2 + random.nextDouble() * (WIDTH - size);
                double cy = size / 2 + random.nextDouble() * (HEIGHT - size);
                Shape shape = shape(category, cx, cy, size, random.nextDouble() * Math.PI);
                g.setColor(tone(random, Math.min(1, light + 0.3f)));
                g.fill(shape);
                g.setColor(g.getColor().darker());
                g.draw(shape);
                out.add(new Shape2D(category, shape, shape.getBounds2D().createIntersection(
                        new Rectangle2D.Double(0, 0, WIDTH, HEIGHT))));
            }
            return out;
        } finally {
            g.dispose();
        }
    }

    private static Shape shape(int category, double cx, double cy, double size, double angle) {
        double r = size / 2;
        return switch (category) {
            case 0 -> new Ellipse2D.Double(cx - r, cy - r, size, size);
            case 1 -> AffineTransform.getRotateInstance(angle / 4, cx, cy)
                    .createTransformedShape(new Rectangle2D.Double(cx - r, cy - r, size, size));
            default -> {
                Path2D.Double t = new Path2D.Double();
                for (int k = 0; k < 3; k++) {
                    double a = angle + k * 2 * Math.PI / 3;
                    if (k == 0) {
                        t.moveTo(cx + r * Math.cos(a), cy + r * Math.sin(a));
                    } else {
                        t.lineTo(cx + r * Math.cos(a), cy + r * Math.sin(a));
                    }
                }
                t.closePath();
                yield t;
            }
        };
    }

    private static Color tone(Random random, float light) {
        return Color.getHSBColor(random.nextFloat(), 0.3f + 0.6f * random.nextFloat(), Math.min(1, light));
    }

    private static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
