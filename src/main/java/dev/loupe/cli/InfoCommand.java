package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.Dataset;
import dev.loupe.core.DatasetSummary;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a project's datasets with their image counts and box counts by source and review status.")
final class InfoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT", description = "The project folder.")
    Path project;

    @Option(names = "--json", description = "Print JSON (top-level 'images' and 'boxes' totals, then per dataset).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Project p = CliSupport.open(project)) {
            List<DatasetSummary> summaries = new ArrayList<>();
            for (Dataset d : p.store().datasets()) {
                summaries.add(p.store().summary(d.id()));
            }
            if (json) {
                System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(toJson(p, summaries)));
            } else {
                printText(p, summaries);
            }
        }
        return 0;
    }

    private static Map<String, Object> toJson(Project p, List<DatasetSummary> summaries) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("project", p.folder().toString());
        out.put("schemaVersion", p.store().schemaVersion());
        out.put("images", summaries.stream().mapToLong(DatasetSummary::images).sum());
        out.put("augmented", summaries.stream().mapToLong(DatasetSummary::augmented).sum());
        out.put("boxes", summaries.stream().mapToLong(DatasetSummary::boxes).sum());
        Map<Source, Long> bySource = new EnumMap<>(Source.class);
        Map<ReviewStatus, Long> byStatus = new EnumMap<>(ReviewStatus.class);
        List<Map<String, Object>> datasets = new ArrayList<>();
        for (DatasetSummary s : summaries) {
            s.boxesBySource().forEach((k, v) -> bySource.merge(k, v, Long::sum));
            s.boxesByStatus().forEach((k, v) -> byStatus.merge(k, v, Long::sum));
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", s.dataset().name());
            d.put("images", s.images());
            d.put("augmented", s.augmented());
            d.put("boxes", s.boxes());
            d.put("boxesBySource", new EnumMap<>(s.boxesBySource()));
            d.put("boxesByStatus", new EnumMap<>(s.boxesByStatus()));
            datasets.add(d);
        }
        out.put("boxesBySource", bySource);
        out.put("boxesByStatus", byStatus);
        out.put("datasets", datasets);
        return out;
    }

    private static void printText(Project p, List<DatasetSummary> summaries) {
        System.out.println("Project " + p.folder());
        if (summaries.isEmpty()) {
            System.out.println("  no datasets yet (add images with 'loupe import-images')");
            return;
        }
        System.out.printf("  %-24s %9s %9s   %s%n", "dataset", "images", "boxes", "by source / by status");
        for (DatasetSummary s : summaries) {
            System.out.printf("  %-24s %9d %9d   %s / %s%n", s.dataset().name(), s.images(), s.boxes(),
                    new EnumMap<>(s.boxesBySource()), new EnumMap<>(s.boxesByStatus()));
        }
    }
}
