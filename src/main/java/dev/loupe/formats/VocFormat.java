package dev.loupe.formats;

import dev.loupe.core.BoxFlags;
import dev.loupe.core.ImageItem;
import dev.loupe.core.Split;
import dev.loupe.media.ImageProbe;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pascal VOC XML, one file per image. Parsed with DTDs and external entities off (no XXE), with line numbers in
 * every message. An object is read from its own children only: CVAT's {@code <attributes>} and the {@code <part>}s
 * of a person (imported as boxes of their own with {@link ReadOptions#vocParts()}) never rename it. {@code
 * difficult} and {@code truncated} are kept. Exports the VOCdevkit layout: Annotations/, JPEGImages/ and
 * ImageSets/Main/{train,val,test,trainval}.txt from the dataset's split; reading that layout brings the split back.
 */
public final class VocFormat implements AnnotationFormat {
    /** ImageSets/Main list files and the side each holds. */
    private static final Map<String, Split> LISTS = Map.of("train.txt", Split.TRAIN, "val.txt", Split.VALIDATION,
            "test.txt", Split.TEST);

    @Override
    public String name() {
        return "voc";
    }

    @Override
    public boolean holdsCrowdRegions() {
        return true; // written as difficult, which VOC's evaluation leaves out as COCO's does a crowd
    }

    static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return f;
    }

    @Override
    public ParsedAnnotations read(List<Path> inputs, ReadOptions options) throws AnnotationFormatException {
        List<ParsedBox> boxes = new ArrayList<>();
        List<ImageRef> empty = new ArrayList<>();
        Map<String, ImageRef> byStem = new HashMap<>();
        XMLInputFactory factory = secureFactory();
        for (Path file : InputFiles.expand(inputs, ".xml")) {
            int before = boxes.size();
            ImageRef ref = readFile(factory, file, boxes, options.vocParts());
            byStem.put(ExportFiles.stem(file.getFileName().toString()), ref);
            if (boxes.size() == before) {
                empty.add(ref);
            }
        }
        Map<ImageRef, Split> sides = new HashMap<>();
        for (Path in : inputs) {
            for (Map.Entry<String, Split> list : splitLists(in).entrySet()) {
                ImageRef ref = byStem.get(list.getKey());
                if (ref != null) {
                    sides.put(ref, list.getValue());
                }
            }
        }
        return new ParsedAnnotations(boxes, empty, List.of(), sides, Map.of());
    }

    /** Stem to side, from ImageSets/Main of a VOCdevkit folder (or of the folder above Annotations/). */
    private static Map<String, Split> splitLists(Path input) throws AnnotationFormatException {
        Map<String, Split> out = new HashMap<>();
        if (!Files.isDirectory(input)) {
            return out;
        }
        Path root = input.toAbsolutePath().normalize();
        Path main = root.resolve("ImageSets").resolve("Main");
        if (!Files.isDirectory(main) && root.getFileName() != null && root.getFileName().toString().equals("Annotations")) {
            main = root.getParent().resolve("ImageSets").resolve("Main");
        }
        for (Map.Entry<String, Split> list : LISTS.entrySet()) {
            Path file = main.resolve(list.getKey());
            if (Files.isRegularFile(file)) {
                for (String line : TextFiles.lines(file)) {
                    if (!line.isBlank()) {
                        out.put(line.strip().split("\\s+")[0], list.getValue());
                    }
                }
            }
        }
        return out;
    }

    private static ImageRef readFile(XMLInputFactory factory, Path file, List<ParsedBox> boxes, boolean parts)
            throws AnnotationFormatException {
        String fileName = null;
        List<VocObject> objects = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = factory.createXMLStreamReader(in);
            try {
                int depth = 0;
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.DTD) {
                        throw AnnotationFormatException.at(file, r.getLocation().getLineNumber(),
                                "a DOCTYPE declaration (not allowed: VOC annotations need none)");
                    }
                    if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    depth++;
                    String tag = r.getLocalName();
                    if (depth == 2 && tag.equals("filename")) {
                        int line = r.getLocation().getLineNumber();
                        fileName = TextFiles.safeImageName(r.getElementText().strip(), file, line, "<filename>");
                        depth--;
                    } else if (depth == 2 && tag.equals("object")) {
                        readObject(r, file, parts, objects);
                        depth--;
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            throw AnnotationFormatException.at(file, line, "malformed XML: " + e.getMessage().replaceAll("\\s+", " "));
        } catch (IOException e) {
            throw new AnnotationFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (fileName == null) {
            throw new AnnotationFormatException(file + ": no <filename> element (expected the image's file name)");
        }
        // mmdetection's and others' files may name an image that was renamed since: the XML's own name is the fallback
        ImageRef ref = ImageRef.byName(fileName, file.toAbsolutePath().getParent())
                .orStem(ExportFiles.stem(file.getFileName().toString()));
        for (VocObject o : objects) {
            boxes.add(new ParsedBox(ref, o.name, o.corners[0], o.corners[1], o.corners[2] - o.corners[0],
                    o.corners[3] - o.corners[1], false, Double.NaN, false, file + ":" + o.line, Double.NaN, o.flags));
        }
        return ref;
    }

    private record VocObject(String name, double[] corners, int flags, int line) {
    }

    /**
     * Reads one {@code <object>} (or {@code <part>}) from its direct children: name, bndbox, difficult, truncated.
     * Parts are added after it when asked for; anything else nested is skipped whole.
     */
    private static void readObject(XMLStreamReader r, Path file, boolean parts, List<VocObject> out)
            throws XMLStreamException, AnnotationFormatException {
        int line = r.getLocation().getLineNumber();
        String element = r.getLocalName();
        String name = null;
        Map<String, Double> corners = new HashMap<>();
        int flags = 0;
        List<VocObject> nested = new ArrayList<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String tag = r.getLocalName();
            int at = r.getLocation().getLineNumber();
            switch (tag) {
                case "name" -> name = r.getElementText().strip();
                case "difficult" -> flags |= flag(r.getElementText(), file, at, tag) ? BoxFlags.DIFFICULT : 0;
                case "truncated" -> flags |= flag(r.getElementText(), file, at, tag) ? BoxFlags.TRUNCATED : 0;
                case "bndbox" -> {
                    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        String corner = r.getLocalName();
                        int cornerLine = r.getLocation().getLineNumber();
                        String text = r.getElementText();
                        if (List.of("xmin", "ymin", "xmax", "ymax").contains(corner)) {
                            corners.put(corner, TextFiles.number(text, file, cornerLine, "<" + corner + ">"));
                        }
                    }
                }
                case "part" -> {
                    if (parts) {
                        readObject(r, file, true, nested);
                    } else {
                        skip(r);
                    }
                }
                default -> skip(r);
            }
        }
        if (name == null || name.isEmpty()) {
            throw AnnotationFormatException.at(file, line, "<" + element + "> without a <name>");
        }
        for (String k : List.of("xmin", "ymin", "xmax", "ymax")) {
            if (!corners.containsKey(k)) {
                throw AnnotationFormatException.at(file, line, "<" + element + "> '" + name + "' has no <bndbox><" + k + ">");
            }
        }
        out.add(new VocObject(name, new double[]{corners.get("xmin"), corners.get("ymin"), corners.get("xmax"),
                corners.get("ymax")}, flags, line));
        out.addAll(nested);
    }

    /** 0 / 1 as VOC writes them (CVAT writes true / false). */
    private static boolean flag(String text, Path file, int line, String tag) throws AnnotationFormatException {
        String t = text.strip();
        return switch (t) {
            case "1", "true", "True" -> true;
            case "0", "false", "False", "" -> false;
            default -> throw AnnotationFormatException.at(file, line, "<" + tag + "> is '" + t + "' (expected 0 or 1)");
        };
    }

    /** Skips the element the reader stands on, with everything in it. */
    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    @Override
    public AnnotationWriter writer(Path outDir, WriteOptions options) throws IOException {
        Path annotations = Files.createDirectories(outDir.resolve("Annotations"));
        ExportFiles files = new ExportFiles(outDir.resolve("JPEGImages"), options);
        Map<Split, List<String>> lists = new EnumMap<>(Split.class);
        List<String> all = new ArrayList<>();
        return new AnnotationWriter() {
            @Override
            public void write(ImageItem image, List<ExportBox> boxes) throws IOException {
                String name = files.nameFor(image);
                Path placed = files.place(image, name);
                String stem = ExportFiles.stem(name);
                all.add(stem);
                Split side = options.sides().get(image.id());
                if (side != null) {
                    lists.computeIfAbsent(side, k -> new ArrayList<>()).add(stem);
                }
                StringBuilder x = new StringBuilder("<annotation>\n  <folder>JPEGImages</folder>\n");
                x.append("  <filename>").append(xml(name)).append("</filename>\n");
                x.append("  <size><width>").append(image.widthPx()).append("</width><height>").append(image.heightPx())
                        .append("</height><depth>").append(ImageProbe.channels(placed))
                        .append("</depth></size>\n");
                for (ExportBox b : boxes) {
                    boolean difficult = b.crowd() || BoxFlags.has(b.flags(), BoxFlags.DIFFICULT);
                    x.append("  <object>\n    <name>").append(xml(b.label())).append("</name>\n")
                            .append("    <pose>Unspecified</pose><truncated>")
                            .append(BoxFlags.has(b.flags(), BoxFlags.TRUNCATED) ? 1 : 0).append("</truncated><difficult>")
                            .append(difficult ? 1 : 0).append("</difficult>\n")
                            .append("    <bndbox><xmin>").append(Math.round(b.x())).append("</xmin><ymin>")
                            .append(Math.round(b.y())).append("</ymin><xmax>").append(Math.round(b.x() + b.w()))
                            .append("</xmax><ymax>").append(Math.round(b.y() + b.h())).append("</ymax></bndbox>\n")
                            .append("  </object>\n");
                }
                x.append("</annotation>\n");
                Files.writeString(annotations.resolve(stem + ".xml"), x, StandardCharsets.UTF_8);
            }

            @Override
            public void close() throws IOException {
                Path main = Files.createDirectories(outDir.resolve("ImageSets").resolve("Main"));
                Map<String, List<String>> files = new LinkedHashMap<>();
                if (lists.isEmpty()) {
                    // no split: every image is training data, as tools that read train / trainval expect
                    files.put("train.txt", all);
                    files.put("val.txt", List.of());
                    files.put("test.txt", List.of());
                    files.put("trainval.txt", all);
                } else {
                    List<String> trainval = new ArrayList<>(lists.getOrDefault(Split.TRAIN, List.of()));
                    trainval.addAll(lists.getOrDefault(Split.VALIDATION, List.of()));
                    files.put("train.txt", lists.getOrDefault(Split.TRAIN, List.of()));
                    files.put("val.txt", lists.getOrDefault(Split.VALIDATION, List.of()));
                    files.put("test.txt", lists.getOrDefault(Split.TEST, List.of()));
                    files.put("trainval.txt", trainval);
                }
                for (Map.Entry<String, List<String>> f : files.entrySet()) {
                    Files.write(main.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
                }
            }
        };
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
