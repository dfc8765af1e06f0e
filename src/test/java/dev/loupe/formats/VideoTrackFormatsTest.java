package dev.loupe.formats;

import dev.loupe.core.KeyBox;
import dev.loupe.core.Track;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MOT Challenge gt.txt and CVAT video XML written from tracks and read back. */
class VideoTrackFormatsTest {
    @TempDir
    Path tmp;

    private static final List<String> CLASSES = List.of("person", "car");

    /** Two people crossing (one leaves and comes back) and a car that stops. */
    private static List<Track> tracks() {
        return List.of(
                new Track(1, "person", List.of(KeyBox.at(0, 10, 20, 30, 60), KeyBox.at(12, 130.5, 40, 34, 66),
                        KeyBox.gone(20), KeyBox.at(31, 200, 44, 30, 60), KeyBox.at(39, 260.25, 44, 30, 60))),
                new Track(2, "person", List.of(KeyBox.at(3, 400, 20, 28, 58), KeyBox.at(30, 100, 25, 31, 62))),
                new Track(5, "car", List.of(KeyBox.at(5, 0, 300, 120, 60), KeyBox.at(17, 333.3, 310, 140, 66),
                        KeyBox.gone(33))));
    }

    @Test
    void motRoundTripIsExact() throws Exception {
        Path first = tmp.resolve("gt.txt");
        MotChallenge.write(first, tracks(), 40, CLASSES);
        List<Track> back = MotChallenge.read(first, CLASSES);
        Path second = tmp.resolve("gt2.txt");
        MotChallenge.write(second, back, 40, CLASSES);
        List<String> once = Files.readAllLines(first);
        List<String> twice = Files.readAllLines(second);
        for (int i = 0; i < Math.min(once.size(), twice.size()); i++) {
            assertEquals(once.get(i), twice.get(i), "line " + (i + 1));
        }
        assertEquals(once.size(), twice.size(), "written, read and written again: the same file");
        for (int i = 0; i < 3; i++) {
            Track a = tracks().get(i);
            Track b = back.get(i);
            assertEquals(a.id(), b.id());
            assertEquals(a.label(), b.label());
            for (int f = 0; f < 40; f++) {
                assertEquals(a.at(f).isPresent(), b.at(f).isPresent(), "track " + a.id() + " frame " + f);
                if (a.at(f).isPresent()) {
                    assertEquals(a.at(f).get().box().x(), b.at(f).get().box().x(), 1e-9);
                    assertEquals(a.at(f).get().box().h(), b.at(f).get().box().h(), 1e-9);
                }
            }
        }
        assertTrue(Files.readString(first).startsWith("1,1,10,20,30,60,1,1,1\n"), "frames from 1, class person = 1");
        Files.writeString(tmp.resolve("bad.txt"), "1,1,10,20,30,60\n2,1,ten,20,30,60\n");
        AnnotationFormatException bad = assertThrows(AnnotationFormatException.class,
                () -> MotChallenge.read(tmp.resolve("bad.txt"), CLASSES));
        assertTrue(bad.getMessage().contains("bad.txt:2"), bad.getMessage());
    }

    @Test
    void cvatVideoRoundTripKeepsTracksAndKeyFrames() throws Exception {
        Path xml = tmp.resolve("annotations.xml");
        CvatVideoXml.write(xml, tracks(), 40, 768, 432);
        List<Track> back = CvatVideoXml.read(xml);
        assertEquals(3, back.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(tracks().get(i).id(), back.get(i).id());
            assertEquals(tracks().get(i).label(), back.get(i).label());
            assertEquals(tracks().get(i).keyFrames(), back.get(i).keyFrames(), "track " + back.get(i).id());
        }
        String text = Files.readString(xml);
        assertTrue(text.contains("<box frame=\"6\" outside=\"0\" occluded=\"0\" keyframe=\"0\""),
                "interpolated frames written too, as CVAT writes them");
        Files.writeString(tmp.resolve("broken.xml"), "<annotations><track id=\"1\"><box frame=\"0\"/></track>");
        assertThrows(AnnotationFormatException.class, () -> CvatVideoXml.read(tmp.resolve("broken.xml")));
    }
}
