package dev.loupe.formats;

import dev.loupe.core.KeyBox;
import dev.loupe.core.Track;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CVAT for video 1.1: {@code <track id label>} elements holding a {@code <box frame outside occluded keyframe xtl ytl
 * xbr ybr>} for every frame from the track's first key frame on, as CVAT writes them; reading keeps the key frames
 * (and the frames a track leaves the picture), from which everything between is interpolated again.
 */
public final class CvatVideoXml {
    private CvatVideoXml() {
    }

    public static void write(Path file, List<Track> tracks, int frames, int widthPx, int heightPx) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<annotations>\n  <version>1.1</version>\n  <meta>\n"
                    + "    <task>\n      <size>" + frames + "</size>\n      <mode>interpolation</mode>\n"
                    + "      <original_size>\n        <width>" + widthPx + "</width>\n        <height>" + heightPx
                    + "</height>\n      </original_size>\n    </task>\n  </meta>\n");
            for (Track t : tracks) {
                w.write("  <track id=\"" + t.id() + "\" label=\"" + xml(t.label()) + "\" source=\"manual\">\n");
                List<KeyBox> keys = t.keyFrames();
                int last = keys.get(keys.size() - 1).outside() ? keys.get(keys.size() - 1).frame() : frames - 1;
                java.util.Set<Integer> keyed = new java.util.HashSet<>();
                keys.forEach(k -> keyed.add(k.frame()));
                KeyBox previous = null;
                for (int f = t.firstFrame(); f <= last; f++) {
                    var shown = t.at(f);
                    if (shown.isPresent()) {
                        previous = shown.get().box();
                        box(w, previous, f, false, keyed.contains(f));
                    } else if (keyed.contains(f) && previous != null) {
                        box(w, previous, f, true, true); // CVAT marks the exit with the last box, outside
                    }
                }
                w.write("  </track>\n");
            }
            w.write("</annotations>\n");
        }
    }

    private static void box(BufferedWriter w, KeyBox b, int frame, boolean outside, boolean key) throws IOException {
        w.write("    <box frame=\"" + frame + "\" outside=\"" + (outside ? 1 : 0) + "\" occluded=\"0\" keyframe=\""
                + (key ? 1 : 0) + "\" xtl=\"" + num(b.x()) + "\" ytl=\"" + num(b.y()) + "\" xbr=\"" + num(b.x() + b.w())
                + "\" ybr=\"" + num(b.y() + b.h()) + "\" z_order=\"0\"></box>\n");
    }

    private static String num(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    /** Reads the tracks; a file that is not CVAT video XML is an error naming it and what was expected. */
    public static List<Track> read(Path file) throws IOException, AnnotationFormatException {
        List<Track> out = new ArrayList<>();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = factory.createXMLStreamReader(in);
            long id = -1;
            String label = null;
            List<KeyBox> keys = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT && "track".equals(r.getLocalName())) {
                    id = Long.parseLong(attribute(r, file, "id"));
                    label = attribute(r, file, "label");
                    keys = new ArrayList<>();
                } else if (event == XMLStreamConstants.START_ELEMENT && "box".equals(r.getLocalName()) && keys != null) {
                    boolean outside = "1".equals(r.getAttributeValue(null, "outside"));
                    if ("1".equals(r.getAttributeValue(null, "keyframe")) || outside) {
                        int frame = Integer.parseInt(attribute(r, file, "frame"));
                        double x = Double.parseDouble(attribute(r, file, "xtl"));
                        double y = Double.parseDouble(attribute(r, file, "ytl"));
                        keys.add(outside ? KeyBox.gone(frame) : KeyBox.at(frame, x, y,
                                Double.parseDouble(attribute(r, file, "xbr")) - x,
                                Double.parseDouble(attribute(r, file, "ybr")) - y));
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && "track".equals(r.getLocalName()) && keys != null) {
                    if (!keys.isEmpty()) {
                        out.add(new Track(id, label, keys));
                    }
                    keys = null;
                }
            }
        } catch (XMLStreamException | NumberFormatException e) {
            throw new AnnotationFormatException(file + ": not CVAT video XML (expected <track id label> holding "
                    + "<box frame keyframe outside xtl ytl xbr ybr>): " + e.getMessage(), e);
        }
        return out;
    }

    private static String attribute(XMLStreamReader r, Path file, String name) throws AnnotationFormatException {
        String v = r.getAttributeValue(null, name);
        if (v == null) {
            throw new AnnotationFormatException(file + ":" + r.getLocation().getLineNumber() + ": <" + r.getLocalName()
                    + "> has no " + name + " attribute");
        }
        return v;
    }
}
