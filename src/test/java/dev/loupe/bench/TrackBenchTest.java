package dev.loupe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code loupe bench track} pre-annotates the shared clip's frames as images and as tracks. */
class TrackBenchTest {

    @Test
    void reportsTrackingBesidePreannotationOfTheSameFrames() throws Exception {
        BenchRun run = BenchRun.of("track", "--clip", SharedData.root().resolve("data/video/one-by-one-person-detection.mp4")
                .toString(), "--models-dir", SharedData.root().resolve("models").toString(), "--every", "20", "--runs", "1",
                "--json");
        assertEquals(0, run.code(), run.out());
        JsonNode figures = new ObjectMapper().readTree(run.out());
        assertEquals(70, figures.get("frames").asInt());
        for (String field : new String[]{"preannotateFps", "trackFps", "trackRatio"}) {
            assertTrue(figures.get(field).asDouble() > 0, field + " in " + figures);
        }
    }
}
