package dev.loupe.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A bench command run as {@code loupe bench ARGS…}: its exit code and what it printed. */
record BenchRun(int code, String out) {

    static BenchRun of(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = new picocli.CommandLine(new BenchCommand()).execute(args);
            return new BenchRun(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }
}
