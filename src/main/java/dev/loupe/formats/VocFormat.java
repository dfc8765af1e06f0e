package dev.loupe.formats;

import dev.loupe.core.ImageItem;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pascal VOC XML, one file per image. Parsed with DTDs and external entities off (no XXE), with line
 * numbers in every message. Exports Annotations/ and JPEGImages/ with integer pixel corners.
 */
public final class VocFormat implements AnnotationFormat {

    @Override
    public String name() {
        return "voc";
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
        XMLInputFactory factory = secureFactory();
        for (Path file : InputFiles.expand(inputs, ".xml")) {
            int before = boxes.size();
            ImageRef ref = readFile(factory, file, boxes);
            if (boxes.size() == before) {
                empty.add(ref);
            }
        }
        return new ParsedAnnotations(boxes, empty, List.of());
    }

    private static ImageRef readFile(XMLInputFactory factory, Path file, List<ParsedBox> boxes)
            throws AnnotationFormatException {
        String fileName = null;
        List<Object[]> objects = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = factory.createXMLStreamReader(in);
            try {
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.DTD) {
                        throw AnnotationFormatException.at(file, r.getLocation().getLineNumber(),
                                "a DOCTYPE declaration (not allowed: VOC annotations need none)");
                    }
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    String tag = r.getLocalName();
                    if (tag.equals("filename") && fileName == null) {
                        int line = r.getLocation().getLineNumber();
                        fileName = TextFiles.safeImageName(r.getElementText().strip(), file, line, "<filename>");
                    } else if (tag.equals("object")) {
                        objects.add(readObject(r, file));
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
        ImageRef ref = ImageRef.byName(fileName, file.toAbsolutePath().getParent());
        for (Object[] o : objects) {
            double[] c = (double[]) o[1];
            boxes.add(new ParsedBox(ref, (String) o[0], c[0], c[1], c[2] - c[0], c[3] - c[1], false, Double.NaN, false,
                    file + ":" + o[2]));
        }
        return ref;
    }

    /** Reads one {@code <object>}: its name and bndbox corners. */
    private static Object[] readObject(XMLStreamReader r, Path file) throws XMLStreamException, AnnotationFormatException {
        int line = r.getLocation().getLineNumber();
        String name = null;
        Map<String, Double> corners = new HashMap<>();
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                String tag = r.getLocalName();
                int at = r.getLocation().getLineNumber();
                switch (tag) {
                    case "name" -> name = r.getElementText().strip();
                    case "xmin", "ymin", "xmax", "ymax" ->
                            corners.put(tag, TextFiles.number(r.getElementText(), file, at, "<" + tag + ">"));
                    default -> depth++;
                }
            }
        }
        if (name == null || name.isEmpty()) {
            throw AnnotationFormatException.at(file, line, "<object> without a <name>");
        }
        for (String k : List.of("xmin", "ymin", "xmax", "ymax")) {
            if (!corners.containsKey(k)) {
                throw AnnotationFormatException.at(file, line, "<object> '" + name + "' has no <bndbox><" + k + ">");
            }
        }
        return new Object[]{name, new double[]{corners.get("xmin"), corners.get("ymin"), corners.get("xmax"),
                corners.get("ymax")}, line};
    }

    @Override
    public AnnotationWriter writer(Path outDir, WriteOptions options) throws IOException {
        Path annotations = Files.createDirectories(outDir.resolve("Annotations"));
        ExportFiles files = new ExportFiles(outDir.resolve("JPEGImages"), options);
        return new AnnotationWriter() {
            @Override
            public void write(ImageItem image, List<ExportBox> boxes) throws IOException {
                String name = files.nameFor(image);
                files.place(image, name);
                StringBuilder x = new StringBuilder("<annotation>\n  <folder>JPEGImages</folder>\n");
                x.append("  <filename>").append(xml(name)).append("</filename>\n");
                x.append("  <size><width>").append(image.widthPx()).append("</width><height>").append(image.heightPx())
                        .append("</height><depth>3</depth></size>\n");
                for (ExportBox b : boxes) {
                    x.append("  <object>\n    <name>").append(xml(b.label())).append("</name>\n")
                            .append("    <pose>Unspecified</pose><truncated>0</truncated><difficult>0</difficult>\n")
                            .append("    <bndbox><xmin>").append(Math.round(b.x())).append("</xmin><ymin>")
                            .append(Math.round(b.y())).append("</ymin><xmax>").append(Math.round(b.x() + b.w()))
                            .append("</xmax><ymax>").append(Math.round(b.y() + b.h())).append("</ymax></bndbox>\n")
                            .append("  </object>\n");
                }
                x.append("</annotation>\n");
                Files.writeString(annotations.resolve(ExportFiles.stem(name) + ".xml"), x, StandardCharsets.UTF_8);
            }

            @Override
            public void close() {
            }
        };
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
