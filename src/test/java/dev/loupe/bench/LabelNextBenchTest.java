package dev.loupe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code loupe bench label-next} cut to one short round on coco-dev's 50-image subset: YOLOX-Nano fine-tuned on a seed
 * set, then on it with five more images chosen at random and five chosen by the ranking; both arms scored on the same
 * held-out images. (The comparison itself, several seeds and rounds, is in NOTES.md: minutes, not a test.)
 */
class LabelNextBenchTest {

    @Test
    void bothArmsStartFromOneSeedModelAndAreScoredOnTheHeldOutSide() throws Exception {
        var tiny = SharedData.cocoDev().resolve("tiny50-train");
        BenchRun run = BenchRun.of("label-next", "--images", tiny.resolve("images").toString(), "--annotations",
                tiny.resolve("instances.json").toString(), "--models-dir", SharedData.root().resolve("models").toString(),
                "--seeds", "1", "--seed-images", "5", "--per-round", "5", "--rounds", "1", "--epochs", "1", "--json");
        assertEquals(0, run.code(), run.out());
        JsonNode figures = new ObjectMapper().readTree(run.out());
        JsonNode only = figures.get("runs").get(0);
        assertEquals(15, only.get("heldOut").asInt(), "30% of 50 images");
        JsonNode rounds = only.get("rounds");
        assertEquals(2, rounds.size());
        assertEquals(5, rounds.get(0).get("labelled").asInt());
        assertEquals(rounds.get(0).get("randomAp50").asDouble(), rounds.get(0).get("rankedAp50").asDouble(),
                "one seed model for both arms");
        assertEquals(10, rounds.get(1).get("labelled").asInt());
        for (String arm : new String[]{"randomAp50", "rankedAp50"}) {
            double ap = rounds.get(1).get(arm).asDouble();
            // one epoch at a small rate leaves the pretrained detector's persons nearly as they were
            assertTrue(Math.abs(ap - only.get("pretrainedAp50").asDouble()) < 0.1 && ap > 0.3, arm + " in " + figures);
        }
    }
}
