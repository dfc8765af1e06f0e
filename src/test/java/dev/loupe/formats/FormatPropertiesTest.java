package dev.loupe.formats;

import dev.loupe.core.ImageItem;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Random boxes through every writer and back through its reader; random damage to files never escapes as a crash. */
class FormatPropertiesTest {
    private static final List<String> CLASSES = List.of("person", "car", "traffic light", "dog");

    @Provide
    Arbitrary<ExportBox> boxes() {
        Arbitrary<Double> x = Arbitraries.doubles().between(0, 600).ofScale(2);
        Arbitrary<Double> y = Arbitraries.doubles().between(0, 400).ofScale(2);
        Arbitrary<Double> w = Arbitraries.doubles().between(1, 40).ofScale(2);
        Arbitrary<Double> h = Arbitraries.doubles().between(1, 80).ofScale(2);
        Arbitrary<String> label = Arbitraries.of(CLASSES);
        return Combinators.combine(x, y, w, h, label).as((a, b, c, d, l) -> new ExportBox(l, a, b, c, d, Double.NaN, false));
    }

    private static ImageItem image(Path dir, int n) {
        return new ImageItem(n + 1, 1, dir.resolve("img" + n + ".jpg").toString(), null, "img" + n + ".jpg", 640, 480, 1,
                String.format("%064d", n), 1, Instant.now());
    }

    @Property(tries = 30)
    void everyFormatReadsBackWhatItWrote(@ForAll @Size(max = 12) List<@From("boxes") ExportBox> boxes,
                                         @ForAll @IntRange(min = 0, max = 6) int formatIndex) throws Exception {
        AnnotationFormat format = AnnotationFormats.all().get(formatIndex);
        Path dir = Files.createTempDirectory("loupe-prop");
        ImageItem image = image(dir, 0);
        Files.writeString(Path.of(image.path()), "");
        Path out = dir.resolve("out");
        try (AnnotationWriter w = format.writer(out, new WriteOptions(CLASSES, WriteOptions.ImageFiles.NONE))) {
            w.write(image, boxes);
        }
        List<Path> inputs = switch (format.name()) {
            case "coco" -> List.of(out.resolve("annotations.json"));
            case "kitti", "yolo" -> List.of(out.resolve("labels"));
            case "voc" -> List.of(out.resolve("Annotations"));
            case "csv", "retinanet-csv" -> List.of(out.resolve("annotations.csv"));
            default -> List.of(out.resolve("annotations.txt"));
        };
        ParsedAnnotations read = format.read(inputs, ReadOptions.defaults());
        assertEquals(boxes.size(), read.boxes().size(), format.name());
        // integer corners round by at most half a pixel (plus floating-point noise)
        double tol = List.of("voc", "yolo-keras", "retinanet-csv").contains(format.name()) ? 0.5 + 1e-9 : 0.01;
        List<ParsedBox> left = new ArrayList<>(read.boxes());
        for (ExportBox want : boxes) {
            ParsedBox hit = left.stream().filter(p -> matches(want, p, tol)).findFirst().orElse(null);
            if (hit == null) {
                fail(format.name() + ": " + want + " not read back from " + read.boxes());
            }
            left.remove(hit);
        }
    }

    private static boolean matches(ExportBox want, ParsedBox got, double tol) {
        double sx = got.normalized() ? 640 : 1;
        double sy = got.normalized() ? 480 : 1;
        String label = got.label().replace('_', ' ');
        return label.equals(want.label())
                && Math.abs(got.x() * sx - want.x()) <= tol && Math.abs(got.y() * sy - want.y()) <= tol
                && Math.abs((got.x() + got.w()) * sx - want.x() - want.w()) <= tol
                && Math.abs((got.y() + got.h()) * sy - want.y() - want.h()) <= tol;
    }

    @Property(tries = 200)
    void damagedFilesFailOnlyWithTheDocumentedError(@ForAll @IntRange(min = 0, max = 6) int formatIndex,
                                                    @ForAll long seed) throws Exception {
        AnnotationFormat format = AnnotationFormats.all().get(formatIndex);
        Path dir = Files.createTempDirectory("loupe-mut");
        ImageItem image = image(dir, 0);
        Path out = dir.resolve("out");
        try (AnnotationWriter w = format.writer(out, new WriteOptions(CLASSES, WriteOptions.ImageFiles.NONE))) {
            w.write(image, List.of(new ExportBox("person", 10, 20, 30, 40, 0.5, false),
                    new ExportBox("traffic light", 100, 120, 30, 40, Double.NaN, false)));
        }
        List<Path> files;
        try (var s = Files.walk(out)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("classes")
                    && !p.getFileName().toString().endsWith(".yaml")).toList();
        }
        Random rnd = new Random(seed);
        for (Path f : files) {
            Files.write(f, mutate(Files.readAllBytes(f), rnd));
        }
        try {
            format.read(List.of(out), ReadOptions.defaults());
        } catch (AnnotationFormatException expected) {
            assertTrue(expected.getMessage().contains(out.toString()) || expected.getMessage().startsWith("no "),
                    "the message names the file: " + expected.getMessage());
        }
    }

    private static byte[] mutate(byte[] b, Random rnd) {
        byte[] out = b.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int i = 0; i < edits && out.length > 0; i++) {
            int at = rnd.nextInt(out.length);
            switch (rnd.nextInt(3)) {
                case 0 -> out[at] = (byte) rnd.nextInt(256);
                case 1 -> out = java.util.Arrays.copyOf(out, at);
                default -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = (byte) "0,. <>\"{}[]-e9x\n".charAt(rnd.nextInt(16));
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
            }
        }
        return out;
    }
}
