package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ReviewStatus;
import dev.loupe.formats.AnnotationFormats;
import dev.loupe.formats.ClassNames;
import dev.loupe.formats.ExportAnnotationsJob;
import dev.loupe.formats.ExportReport;
import dev.loupe.formats.ExportRequest;
import dev.loupe.formats.VideoTrackExport;
import dev.loupe.formats.WriteOptions;
import dev.loupe.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a dataset's boxes (all, or a filter) to a folder in one format, with its images.")
final class ExportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT", description = "The project folder.")
    Path project;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "coco, kitti, voc, yolo, csv or yolo-keras; for clips' tracks mot or cvat-video.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write.")
    Path out;

    @Option(names = "--task", paramLabel = "NAME", description = "Only this task's boxes.")
    String task;

    @Option(names = "--status", paramLabel = "STATUS", split = ",", description = "Only pending, accepted and/or rejected boxes.")
    List<String> statuses = new ArrayList<>();

    @Option(names = "--label", paramLabel = "LABEL", split = ",", description = "Only boxes with these labels.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--map", paramLabel = "FROM=TO", description = "Rename a label on export (TO empty: leave it out).")
    List<String> mappings = new ArrayList<>();

    @Option(names = "--classes", paramLabel = "FILE", description = "Class order to write (names file or dataset YAML).")
    Path classes;

    @Option(names = "--images", paramLabel = "copy|link|none", defaultValue = "copy",
            description = "Copy the image files, link to them, or leave them out (default: ${DEFAULT-VALUE}).")
    String images;

    @Option(names = "--split", paramLabel = "SIDE", description = "Only images of this side of the split: train, validation or test.")
    String split;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Set<ReviewStatus> wanted = new HashSet<>();
        for (String s : statuses) {
            try {
                wanted.add(ReviewStatus.valueOf(s.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--status is '" + s + "' (expected pending, accepted or rejected)");
            }
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String m : mappings) {
            int eq = m.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--map is '" + m + "' (expected FROM=TO)");
            }
            map.put(m.substring(0, eq), m.substring(eq + 1));
        }
        WriteOptions.ImageFiles files;
        try {
            files = WriteOptions.ImageFiles.valueOf(images.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--images is '" + images + "' (expected copy, link or none)");
        }
        if (format.equals("mot") || format.equals("cvat-video")) {
            if (task == null) {
                throw new IllegalArgumentException("--format " + format + " exports one task's tracks: name it with --task");
            }
            try (Project p = CliSupport.open(project)) {
                int tracks = VideoTrackExport.write(p.store(), dataset, task, format.equals("mot")
                        ? VideoTrackExport.Layout.MOT : VideoTrackExport.Layout.CVAT_VIDEO, out);
                System.out.printf("Exported %d tracks to %s (%s)%n", tracks, out, format);
            }
            return 0;
        }
        try (Project p = CliSupport.open(project)) {
            ExportRequest request = new ExportRequest(dataset, AnnotationFormats.byName(format), out, task, wanted,
                    Set.copyOf(labels), map, classes == null ? List.of() : ClassNames.read(classes), files,
                    CliSupport.side(split));
            ExportReport r = CliSupport.run("export", new ExportAnnotationsJob(p.store(), request));
            if (json) {
                System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
            } else {
                System.out.printf("Exported %d images with %d boxes to %s (%s)%n", r.images(), r.boxes(), out, format);
                if (r.crowdLeftOut() > 0) {
                    System.out.printf("Left out %d crowd regions: %s has no way to mark them%n", r.crowdLeftOut(), format);
                }
            }
        }
        return 0;
    }
}
