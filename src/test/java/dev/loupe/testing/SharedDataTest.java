package dev.loupe.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Missing shared data skips a test on a developer's machine and fails it under CI. */
class SharedDataTest {
    @TempDir
    Path tmp;

    @Test
    void missingSharedDataFailsUnderCiAndSkipsElsewhere() {
        Map<String, String> missing = Map.of(SharedData.VARIABLE, tmp.resolve("nothing").toString());
        assertThrows(TestAbortedException.class, () -> SharedData.root(missing));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedData.root(
                Map.of(SharedData.VARIABLE, tmp.resolve("nothing").toString(), "CI", "true")));
        assertTrue(e.getMessage().contains("nothing") && e.getMessage().contains("CI=true"), e.getMessage());
    }
}
