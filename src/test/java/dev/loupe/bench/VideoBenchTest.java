package dev.loupe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.testing.Required;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code loupe bench video} decodes the shared clip beside the ffmpeg command line and measures seeks. */
class VideoBenchTest {

    private static boolean hasFfmpeg() {
        try {
            return new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void reportsDecodeSpeedBesideFfmpegAndSeekLatency() throws Exception {
        Required.resource(hasFfmpeg(), "no ffmpeg command (Debian's package 'ffmpeg') to measure against");
        BenchRun run = BenchRun.of("video", "--clip", SharedData.root().resolve("data/video/one-by-one-person-detection.mp4")
                .toString(), "--runs", "1", "--seeks", "20", "--json");
        assertEquals(0, run.code(), run.out());
        JsonNode figures = new ObjectMapper().readTree(run.out());
        assertEquals(1394, figures.get("frames").asInt());
        for (String field : new String[]{"decodeFps", "ffmpegFps", "decodeRatio", "seekP50Ms", "seekP95Ms", "scrubP95Ms"}) {
            assertTrue(figures.get(field).asDouble() > 0, field + " in " + figures);
        }
    }
}
