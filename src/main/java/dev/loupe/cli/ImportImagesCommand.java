package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.jobs.JobProblem;
import dev.loupe.media.ImportCandidate;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportReport;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "import-images", mixinStandardHelpOptions = true,
        description = {"Add images to a dataset (created if missing). Folders are searched recursively for "
                + "JPEG, PNG, GIF, BMP and WebP files; http(s) URLs are downloaded into the project cache.",
                "Duplicates and files already imported are skipped; unreadable files are skipped and listed. "
                        + "Exit code 0 when the import ran to its end."})
final class ImportImagesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project folder.")
    Path project;

    @Parameters(index = "1..*", paramLabel = "PATH", arity = "0..*",
            description = "Folders, image files or http(s) URLs.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "Dataset to add the images to.")
    String dataset;

    @Option(names = "--list", paramLabel = "FILE",
            description = "A text file with one path or URL per line (relative paths are relative to the file).")
    List<Path> lists = new ArrayList<>();

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<ImportCandidate> candidates = new ArrayList<>(ImportSources.fromArguments(paths));
        for (Path list : lists) {
            candidates.addAll(ImportSources.fromListFile(list));
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("nothing to import: no image files in " + String.join(", ", paths)
                    + (lists.isEmpty() ? "" : " " + lists));
        }
        try (Project p = CliSupport.open(project)) {
            CliSupport.remember(p);
            UrlFetcher fetcher = new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(500));
            ImportReport report = CliSupport.run("import", new ImportImagesJob(p.store(), dataset, candidates, fetcher));
            print(report);
        }
        return 0;
    }

    private void print(ImportReport r) throws Exception {
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dataset", dataset);
            out.put("found", r.found());
            out.put("imported", r.imported());
            out.put("alreadyImported", r.alreadyImported());
            out.put("duplicates", r.duplicates());
            out.put("skipped", r.skipped().stream().map(s -> Map.of("item", s.item(), "reason", s.reason())).toList());
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
            return;
        }
        System.out.printf("Imported %d images into dataset '%s' (%d already there, %d duplicates, %d skipped)%n",
                r.imported(), dataset, r.alreadyImported(), r.duplicates(), r.skipped().size());
        for (JobProblem s : r.skipped()) {
            System.out.println("  skipped " + s.item() + ": " + s.reason());
        }
    }
}
