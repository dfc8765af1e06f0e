package dev.loupe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code loupe bench suspects} on a small project: every figure there, and the injected errors found. */
class SuspectsBenchTest {

    @Test
    void reportsTheTimeAgainstReadingAndFindsTheInjectedErrors() throws Exception {
        BenchRun run = BenchRun.of("suspects", "--images", "500", "--runs", "1", "--json");
        assertEquals(0, run.code(), run.out());
        JsonNode figures = new ObjectMapper().readTree(run.out());
        assertEquals(5000, figures.get("labelledBoxes").asLong());
        long injected = figures.get("injectedErrors").asLong();
        long suspects = figures.get("suspects").asLong();
        // 12% of the boxes carry an error; a made-up box where nothing is, a deletion, a shift and a relabelling are
        // each plain to see against confident predictions, so most are suspects (objects placed at random overlap now and then), with few others
        assertTrue(injected > 450 && injected < 750, figures.toString());
        assertTrue(suspects > 0.8 * injected && suspects < 1.3 * injected, figures.toString());
        for (String field : new String[]{"readSec", "suspectsSec", "suspectsToReadRatio"}) {
            assertTrue(figures.get(field).asDouble() > 0, field + " in " + figures);
        }
    }
}
