package dev.loupe.video;

import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared clip read with FFmpeg: its index, exact seeking, and a truncated copy. */
class VideoClipTest {
    @TempDir
    Path tmp;

    static Path clip() {
        return SharedData.root().resolve("data/video/one-by-one-person-detection.mp4");
    }

    private static long crc(BufferedImage img) {
        CRC32 crc = new CRC32();
        crc.update(((DataBufferByte) img.getRaster().getDataBuffer()).getData());
        return crc.getValue();
    }

    @Test
    void indexesEveryFrameOfTheClip() throws Exception {
        try (VideoClip clip = VideoClip.open(clip())) {
            VideoInfo info = clip.info();
            assertEquals(1394, info.frames());
            assertEquals(768, info.widthPx());
            assertEquals(432, info.heightPx());
            assertEquals(10, info.fps(), 0.01);
            assertEquals(139.4, info.durationSec(), 0.2);
        }
    }

    @Test
    void aFrameReachedBySeekingIsTheFrameReachedInOrder() throws Exception {
        int[] probes = {0, 1, 37, 40, 250, 699, 1000, 1392, 1393};
        long[] inOrder = new long[probes.length];
        try (VideoClip clip = VideoClip.open(clip())) {
            int p = 0;
            for (int i = 0; i <= probes[probes.length - 1]; i++) {
                BufferedImage f = clip.frame(i);
                if (i == probes[p]) {
                    inOrder[p++] = crc(f);
                }
            }
        }
        try (VideoClip clip = VideoClip.open(clip())) {
            int[] shuffled = {1000, 37, 40, 1393, 0, 699, 1392, 250, 1, 250}; // 37 then 40: decoded forward
            for (int index : shuffled) {
                long expected = inOrder[Arrays.binarySearch(probes, index)];
                assertEquals(expected, crc(clip.frame(index)), "frame " + index + " by seeking");
            }
        }
        assertTrue(Arrays.stream(inOrder).distinct().count() == inOrder.length, "people walk: the frames differ");
    }

    @Test
    void aTruncatedCopyGivesTheFramesBeforeTheBreakAndSaysWhereItBroke() throws Exception {
        byte[] whole = Files.readAllBytes(clip());
        Path cut = tmp.resolve("cut.mp4");
        Files.write(cut, Arrays.copyOf(whole, whole.length * 2 / 5));
        try (VideoClip clip = VideoClip.open(cut)) {
            int packets = clip.info().frames();
            assertTrue(packets > 400 && packets < 1394, "the packets that are there: " + packets);
            int decodable = clip.decodableFrames();
            assertTrue(decodable > 400 && decodable <= packets, decodable + " of " + packets);
            clip.frame(decodable - 1);
            clip.frame(0);
            VideoException past = assertThrows(VideoException.class, () -> clip.frame(packets));
            assertTrue(past.getMessage().contains("cut.mp4") && past.getMessage().contains("no frame " + packets),
                    past.getMessage());
        }
        try (VideoClip intact = VideoClip.open(clip())) {
            assertEquals(1394, intact.decodableFrames(), "an intact clip decodes to its last frame");
        }
        Path empty = Files.write(tmp.resolve("empty.mp4"), new byte[100]);
        VideoException none = assertThrows(VideoException.class, () -> VideoClip.open(empty));
        assertTrue(none.getMessage().startsWith(empty.toString()), none.getMessage());
    }
}
