package dev.loupe.video;

import dev.loupe.testing.Required;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The containers and codecs clips come in (MP4, MKV, AVI, MOV; H.264, H.265, VP9, MPEG-4), made from the first three
 * seconds of the shared clip with the ffmpeg command line: each is indexed whole and seeks exactly, B-frames and all.
 */
class ContainersAndCodecsTest {
    @TempDir
    Path tmp;

    private static long crc(BufferedImage img) {
        CRC32 crc = new CRC32();
        crc.update(((DataBufferByte) img.getRaster().getDataBuffer()).getData());
        return crc.getValue();
    }

    @ParameterizedTest
    @CsvSource({"mp4, libx264", "mov, libx265", "mkv, libvpx-vp9", "avi, mpeg4"})
    void eachIsIndexedWholeAndSeeksExactly(String container, String codec) throws Exception {
        Path clip = tmp.resolve("clip." + container);
        Process p;
        try {
            p = new ProcessBuilder("ffmpeg", "-v", "error", "-nostdin", "-y", "-i",
                    SharedData.root().resolve("data/video/one-by-one-person-detection.mp4").toString(), "-t", "3",
                    "-c:v", codec, "-an", clip.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            p = null;
        }
        Required.resource(p != null, "no ffmpeg command (Debian's package 'ffmpeg') to make the clips with");
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
        try (VideoClip c = VideoClip.open(clip)) {
            assertEquals(30, c.info().frames(), codec + " in " + container);
            List<Long> inOrder = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                inOrder.add(crc(c.frame(i)));
            }
            for (int i : new int[]{29, 3, 17, 0, 22, 8}) {
                assertEquals(inOrder.get(i), crc(c.frame(i)), codec + ": frame " + i + " by seeking");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void withKeyFramesFarApartAKeyFrameStandsInQuicklyForAFrameWhileScrubbing() throws Exception {
        Path clip = tmp.resolve("long-gop.mp4");
        Process p;
        try {
            p = new ProcessBuilder("ffmpeg", "-v", "error", "-nostdin", "-y", "-i",
                    SharedData.root().resolve("data/video/one-by-one-person-detection.mp4").toString(), "-t", "20",
                    "-c:v", "libx264", "-x264-params", "keyint=250:scenecut=0", "-an", clip.toString())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            p = null;
        }
        Required.resource(p != null, "no ffmpeg command (Debian's package 'ffmpeg') to make the clip with");
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
        try (VideoClip c = VideoClip.open(clip)) {
            assertEquals(200, c.info().frames());
            long first = crc(c.frame(0));
            assertEquals(first, crc(c.keyFrameBefore(180)), "one key frame in 200 frames: frame 0 stands in");
            long exact = crc(c.frame(180));
            assertEquals(exact, crc(c.frame(180)));
            org.junit.jupiter.api.Assertions.assertNotEquals(first, exact);
        }
    }
}
