package dev.loupe.formats;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.loupe.core.ImageItem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * COCO instances JSON. Read with a streaming parser that skips segmentations, so a train-sized file needs
 * memory for its boxes only; written streaming too (annotations first, then images and categories).
 */
public final class CocoFormat implements AnnotationFormat {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public boolean holdsCrowdRegions() {
        return true;
    }

    @Override
    public String name() {
        return "coco";
    }

    @Override
    public ParsedAnnotations read(List<Path> inputs, ReadOptions options) throws AnnotationFormatException {
        List<ParsedBox> boxes = new ArrayList<>();
        List<ImageRef> empty = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, Integer> categoryIds = new HashMap<>();
        List<Path> files = InputFiles.expand(inputs, ".json");
        for (Path file : files) {
            CocoDocument doc;
            try {
                doc = parse(file);
            } catch (CocoDocument.NotDetectionFile e) {
                // COCO ships captions, keypoints and panoptic files beside the instances: a folder of them is normal
                skipped.add(e.getMessage());
                continue;
            }
            doc.resolve(boxes, empty);
            doc.categoryIds().forEach(categoryIds::putIfAbsent);
        }
        if (skipped.size() == files.size()) {
            throw new AnnotationFormatException("no COCO detection annotations in " + inputs + ": " + String.join("; ", skipped));
        }
        return new ParsedAnnotations(boxes, empty, skipped, Map.of(), categoryIds);
    }

    static CocoDocument parse(Path file) throws AnnotationFormatException {
        CocoDocument doc = new CocoDocument(file);
        try (JsonParser p = JSON.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw doc.error(p, "the file does not start with a JSON object (expected COCO instances JSON)");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "images" -> doc.readImages(p);
                    case "annotations" -> doc.readAnnotations(p);
                    case "categories" -> doc.readCategories(p);
                    default -> p.skipChildren();
                }
            }
        } catch (JsonParseException e) {
            throw new AnnotationFormatException(file + ":" + e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr() + ": malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new AnnotationFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
        return doc;
    }

    /**
     * The category id of each class: the id its labels came with from a COCO file when that id is free, otherwise
     * the next id above every other, so COCO's own ids (person 1, car 3, …) survive a round trip.
     */
    static int[] categoryIds(WriteOptions options) {
        int[] out = new int[options.classNames().size()];
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < out.length; i++) {
            Integer id = options.categoryIds().get(options.classNames().get(i));
            if (id != null && id > 0 && used.add(id)) {
                out[i] = id;
            }
        }
        int next = used.stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                out[i] = next++;
            }
        }
        return out;
    }

    @Override
    public AnnotationWriter writer(Path outDir, WriteOptions options) throws IOException {
        Files.createDirectories(outDir);
        ExportFiles files = new ExportFiles(outDir.resolve("images"), options);
        JsonGenerator g = JSON.createGenerator(outDir.resolve("annotations.json").toFile(), JsonEncoding.UTF8);
        g.writeStartObject();
        g.writeObjectFieldStart("info");
        g.writeStringField("description", "exported by Loupe");
        g.writeEndObject();
        g.writeArrayFieldStart("annotations");
        int[] categoryIds = categoryIds(options);
        return new AnnotationWriter() {
            private final List<Object[]> images = new ArrayList<>();
            private long nextId = 1;

            @Override
            public void write(ImageItem image, List<ExportBox> boxes) throws IOException {
                String name = files.nameFor(image);
                files.place(image, name);
                String fileName = options.images() == WriteOptions.ImageFiles.NONE ? image.relativePath() : name;
                images.add(new Object[]{image.id(), fileName, image.widthPx(), image.heightPx()});
                for (ExportBox b : boxes) {
                    g.writeStartObject();
                    g.writeNumberField("id", nextId++);
                    g.writeNumberField("image_id", image.id());
                    g.writeNumberField("category_id", categoryIds[options.classIndex(b.label())]);
                    g.writeArrayFieldStart("bbox");
                    for (double v : new double[]{b.x(), b.y(), b.w(), b.h()}) {
                        g.writeNumber(Math.round(v * 100) / 100.0);
                    }
                    g.writeEndArray();
                    g.writeNumberField("area", Math.round(b.cocoArea() * 100) / 100.0);
                    // the box as a polygon: pycocotools' annToRLE needs a segmentation, and an empty one breaks it
                    g.writeArrayFieldStart("segmentation");
                    g.writeStartArray();
                    for (double v : new double[]{b.x(), b.y(), b.x() + b.w(), b.y(), b.x() + b.w(), b.y() + b.h(), b.x(),
                            b.y() + b.h()}) {
                        g.writeNumber(Math.round(v * 100) / 100.0);
                    }
                    g.writeEndArray();
                    g.writeEndArray();
                    g.writeNumberField("iscrowd", b.crowd() ? 1 : 0);
                    if (b.hasScore()) {
                        g.writeNumberField("score", b.score());
                    }
                    g.writeEndObject();
                }
            }

            @Override
            public void close() throws IOException {
                try (g) {
                    g.writeEndArray();
                    g.writeArrayFieldStart("images");
                    for (Object[] im : images) {
                        g.writeStartObject();
                        g.writeNumberField("id", (Long) im[0]);
                        g.writeStringField("file_name", (String) im[1]);
                        g.writeNumberField("width", (Integer) im[2]);
                        g.writeNumberField("height", (Integer) im[3]);
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeArrayFieldStart("categories");
                    for (int i = 0; i < options.classNames().size(); i++) {
                        g.writeStartObject();
                        g.writeNumberField("id", categoryIds[i]);
                        g.writeStringField("name", options.classNames().get(i));
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
            }
        };
    }
}
