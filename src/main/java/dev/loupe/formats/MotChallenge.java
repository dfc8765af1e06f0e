package dev.loupe.formats;

import dev.loupe.core.KeyBox;
import dev.loupe.video.KeyFrames;
import dev.loupe.core.Track;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MOT Challenge ground truth ({@code gt.txt}): one line per object and frame, {@code frame,id,left,top,width,height,
 * conf,class,visibility} with frames from 1. Written from tracks (every frame they show on, interpolated boxes
 * included, class = the label's place in the class list + 1); read back into tracks whose key frames are exactly
 * those that the boxes need (a missing frame ends the track there, as does its last line).
 */
public final class MotChallenge {
    private MotChallenge() {
    }

    /** Writes every frame's boxes of the tracks over a clip of {@code frames} frames. */
    public static void write(Path file, List<Track> tracks, int frames, List<String> classes) throws IOException {
        List<Track> byId = new ArrayList<>(tracks);
        byId.sort(Comparator.comparingLong(Track::id));
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int f = 0; f < frames; f++) {
                for (Track t : byId) {
                    var shown = t.at(f);
                    if (shown.isPresent()) {
                        KeyBox b = shown.get().box();
                        int cls = classes.indexOf(t.label()) + 1;
                        w.write((f + 1) + "," + t.id() + "," + num(b.x()) + "," + num(b.y()) + "," + num(b.w()) + ","
                                + num(b.h()) + ",1," + (cls > 0 ? cls : -1) + ",1\n");
                    }
                }
            }
        }
    }

    /** Shortest exact decimal: what is written reads back to the same number. */
    private static String num(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Reads tracks; a line that is not MOT is an error naming the file, the line and what was expected. */
    public static List<Track> read(Path file, List<String> classes) throws IOException, AnnotationFormatException {
        Map<Long, List<KeyBox>> boxes = new TreeMap<>();
        Map<Long, String> labels = new TreeMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                if (f.length < 6) {
                    throw new AnnotationFormatException(file + ":" + n + ": expected frame,id,left,top,width,height"
                            + "[,conf,class,visibility], got '" + line + "'");
                }
                try {
                    int frame = Integer.parseInt(f[0].strip()) - 1;
                    long id = Long.parseLong(f[1].strip());
                    double w = Double.parseDouble(f[4].strip());
                    double h = Double.parseDouble(f[5].strip());
                    if (frame < 0 || w <= 0 || h <= 0) {
                        throw new AnnotationFormatException(file + ":" + n + ": frames count from 1 and boxes need a "
                                + "positive size, got '" + line + "'");
                    }
                    boxes.computeIfAbsent(id, k -> new ArrayList<>()).add(KeyBox.at(frame,
                            Double.parseDouble(f[2].strip()), Double.parseDouble(f[3].strip()), w, h));
                    int cls = f.length > 7 ? (int) Double.parseDouble(f[7].strip()) : -1;
                    labels.putIfAbsent(id, cls >= 1 && cls <= classes.size() ? classes.get(cls - 1)
                            : cls >= 1 ? "class " + cls : classes.isEmpty() ? "object" : classes.get(0));
                } catch (NumberFormatException e) {
                    throw new AnnotationFormatException(file + ":" + n + ": expected numbers, got '" + line + "'");
                }
            }
        }
        List<Track> out = new ArrayList<>();
        boxes.forEach((id, list) -> {
            list.sort(Comparator.comparingInt(KeyBox::frame));
            List<KeyBox> keys = new ArrayList<>(KeyFrames.reduce(list, 0, 0));
            keys.add(KeyBox.gone(list.get(list.size() - 1).frame() + 1)); // no line after its last: gone
            out.add(new Track(id, labels.get(id), keys));
        });
        return out;
    }
}
