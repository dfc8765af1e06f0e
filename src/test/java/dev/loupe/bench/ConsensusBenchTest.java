package dev.loupe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code loupe bench consensus} on a small project: every figure there, the merged truth of the size expected. */
class ConsensusBenchTest {

    @Test
    void reportsTimeHeapAndTheReadingItIsComparedWith() throws Exception {
        BenchRun run = BenchRun.of("consensus", "--images", "300", "--runs", "1", "--json");
        assertEquals(0, run.code(), run.out());
        JsonNode figures = new ObjectMapper().readTree(run.out());
        assertEquals(9000, figures.get("boxes").asLong());
        // 10 objects per image, each found by 3 annotators with a 5% chance of a miss: nearly all kept at quorum 2
        assertTrue(figures.get("mergedBoxes").asLong() > 2900, figures.toString());
        for (String field : new String[]{"readSec", "consensusSec", "consensusToReadRatio", "rerunSec", "peakHeapMb"}) {
            assertTrue(figures.get(field).asDouble() > 0, field + " in " + figures);
        }
    }
}
