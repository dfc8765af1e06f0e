package dev.loupe.core;

import dev.loupe.cli.LoupeCommand;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The version and licence that `loupe --version` and the About dialog show. */
class BuildInfoTest {
    @Test
    void namesTheVersionTheLicenceAndTheRuntime() {
        String[] lines = BuildInfo.summary().split("\n");
        assertEquals("Loupe " + BuildInfo.version(), lines[0]);
        assertTrue(lines[1].contains("GPL-3.0-or-later"), lines[1]);
        assertTrue(lines[2].startsWith("Java " + System.getProperty("java.version")), lines[2]);
        String[] printed = LoupeCommand.commandLine().getCommandSpec().version();
        assertEquals(lines[0], printed[0], "loupe --version prints the same");
    }
}
