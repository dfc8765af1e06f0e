package dev.loupe;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Under {@code set -o pipefail}, {@code cmd | grep -q} fails whenever grep finds its line and stops reading
 * before cmd has written everything (cmd dies of SIGPIPE): the launcher refused to start the GUI "for want of
 * GTK 3" in 7 of 50 tries on a machine that has it. The project's shell scripts capture output first.
 */
class LauncherScriptTest {
    private static final Pattern PIPE_INTO_QUIET_GREP = Pattern.compile("\\|\\s*grep\\s+(-\\w*q|--quiet)");

    @Test
    void scriptsUnderPipefailNeverPipeIntoAQuietGrep() throws Exception {
        for (Path script : List.of(Path.of("bin", "loupe"), Path.of(".ci", "run"))) {
            List<String> lines = Files.readAllLines(script);
            if (lines.stream().noneMatch(l -> l.contains("pipefail"))) {
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i).replaceAll("#.*", "");
                assertTrue(!PIPE_INTO_QUIET_GREP.matcher(code).find(), script + ":" + (i + 1)
                        + " pipes into grep -q under pipefail: " + lines.get(i).strip());
            }
        }
    }
}
