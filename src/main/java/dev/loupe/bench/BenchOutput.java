package dev.loupe.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/** Prints a benchmark's figures: pretty JSON for tools, or aligned "name value" lines for people. */
final class BenchOutput {

    private BenchOutput() {
    }

    static void print(Map<String, ?> figures, boolean json) throws JsonProcessingException {
        if (json) {
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures));
            return;
        }
        int width = figures.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        figures.forEach((k, v) -> System.out.printf("%-" + width + "s %s%n", k, v));
    }
}
