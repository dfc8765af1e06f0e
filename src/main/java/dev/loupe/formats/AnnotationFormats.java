package dev.loupe.formats;

import java.util.List;
import java.util.stream.Collectors;

/** The formats Loupe reads and writes, by command-line name. */
public final class AnnotationFormats {
    private static final List<AnnotationFormat> ALL = List.of(new CocoFormat(), new KittiFormat(), new VocFormat(),
            new YoloFormat(), new CsvFormat(), new YoloKerasFormat(), new RetinanetCsvFormat());

    private AnnotationFormats() {
    }

    public static List<AnnotationFormat> all() {
        return ALL;
    }

    public static AnnotationFormat byName(String name) {
        return ALL.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown format '" + name + "' (expected one of "
                        + ALL.stream().map(AnnotationFormat::name).collect(Collectors.joining(", ")) + ")"));
    }
}
