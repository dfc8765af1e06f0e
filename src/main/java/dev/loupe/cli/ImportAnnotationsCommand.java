package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.formats.AnnotationFormats;
import dev.loupe.formats.AnnotationImportReport;
import dev.loupe.formats.AnnotationImportRequest;
import dev.loupe.formats.ImportAnnotationsJob;
import dev.loupe.formats.ReadOptions;
import dev.loupe.formats.UnknownLabels;
import dev.loupe.project.Project;
import dev.loupe.project.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "import-annotations", mixinStandardHelpOptions = true,
        description = {"Import boxes from annotation files into a task of a dataset (one transaction: a file that "
                + "cannot be read stores nothing).",
                "Images are matched by path next to the files, relative path, or unique file name; boxes for "
                        + "unknown images and dataset images without annotations are reported."})
final class ImportAnnotationsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project folder.")
    Path project;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE_OR_DIR", description = "Annotation files or folders.")
    List<Path> inputs;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "Dataset holding the images.")
    String dataset;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "coco, kitti, voc, yolo, csv or yolo-keras.")
    String format;

    @Option(names = "--task", required = true, paramLabel = "NAME", description = "Task for the boxes (created if missing).")
    String task;

    @Option(names = "--description", paramLabel = "TEXT", description = "Task description.")
    String description;

    @Option(names = "--overwrite", description = "Replace the task's boxes on the images the files cover (default: append).")
    boolean overwrite;

    @Option(names = "--pre-annotate", description = "Store as MODEL predictions, PENDING review, keeping scores.")
    boolean preAnnotate;

    @Option(names = "--classes", paramLabel = "FILE",
            description = "Class names by index for yolo and yolo-keras (names file or dataset YAML).")
    Path classes;

    @Option(names = "--unknown-classes", paramLabel = "add|reject", defaultValue = "add",
            description = "Add class names the project lacks, or reject the import (default: ${DEFAULT-VALUE}).")
    String unknownClasses;

    @Option(names = "--dontcare-as", paramLabel = "LABEL",
            description = "Label for KITTI DontCare regions (stored as crowd boxes; default DontCare).")
    String dontCareAs;

    @Option(names = "--voc-parts", description = "Import the <part>s of VOC objects (a person's head, hands) as boxes "
            + "of their own; without it they are left out.")
    boolean vocParts;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        UnknownLabels unknown = switch (unknownClasses.toLowerCase()) {
            case "add" -> UnknownLabels.ADD;
            case "reject" -> UnknownLabels.REJECT;
            default -> throw new IllegalArgumentException("--unknown-classes is '" + unknownClasses + "' (expected add or reject)");
        };
        if (format.equals("mot") || format.equals("cvat-video")) {
            return importTracks();
        }
        try (Project p = CliSupport.open(project)) {
            CliSupport.remember(p);
            String author = Workspace.fromEnvironment().settings().userName();
            AnnotationImportRequest request = new AnnotationImportRequest(dataset, AnnotationFormats.byName(format), inputs,
                    ReadOptions.withClassFile(classes, dontCareAs).withVocParts(vocParts), task, description, overwrite, preAnnotate, unknown, author);
            AnnotationImportReport r = CliSupport.run("import-annotations", new ImportAnnotationsJob(p.store(), request));
            if (json) {
                System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
                return 0;
            }
            System.out.printf("Stored %d boxes (%d crowd) in task '%s' on %d images%s%n", r.stored(), r.crowd(), task,
                    r.images(), r.replaced() > 0 ? ", replacing " + r.replaced() : "");
            r.perLabel().forEach((label, n) -> System.out.printf("  %-20s %d%n", label, n));
            if (!r.split().isEmpty()) {
                System.out.printf("Split from the layout: %s%n", r.split());
            }
            if (r.alreadyImported() > 0) {
                System.out.printf("Left out %d boxes an earlier import of the same boxes already stored in task '%s' "
                        + "(--overwrite replaces the task's boxes on these images instead)%n", r.alreadyImported(), task);
            }
            if (r.unmatchedBoxes() > 0) {
                System.out.printf("Set aside %d boxes whose image is not in dataset '%s' (or is ambiguous): %s%n",
                        r.unmatchedBoxes(), dataset, String.join(", ", r.unmatchedImages()));
            }
            if (r.droppedBoxes() > 0) {
                System.out.printf("Dropped %d boxes (empty, or outside their image)%n", r.droppedBoxes());
            }
            if (r.imagesWithoutAnnotation() > 0) {
                System.out.printf("%d images of dataset '%s' have no annotation in these files%n",
                        r.imagesWithoutAnnotation(), dataset);
            }
            r.warnings().forEach(w -> System.out.println("  warning: " + w));
        }
        return 0;
    }

    /** MOT Challenge or CVAT video files: tracks on the dataset's clips, each file on the clip it names. */
    private Integer importTracks() throws Exception {
        List<String> names = classes == null ? List.of() : dev.loupe.formats.ClassNames.read(classes);
        try (Project p = CliSupport.open(project)) {
            var store = p.store();
            long ds = store.requireDataset(dataset).id();
            var target = store.task(task, description == null ? "" : description);
            String author = store.login().orElseGet(() -> Workspace.fromEnvironment().settings().userName());
            for (Path file : inputs) {
                List<dev.loupe.core.Track> tracks = format.equals("mot") ? dev.loupe.formats.MotChallenge.read(file, names)
                        : dev.loupe.formats.CvatVideoXml.read(file);
                var clip = dev.loupe.video.TrackImport.clipFor(store, ds, file);
                int boxes = dev.loupe.video.TrackImport.store(store, ds, clip, target, tracks, author);
                System.out.printf("%s: %d tracks on clip %s, %,d boxes on its imported frames in task '%s'%n", file,
                        tracks.size(), clip.fileName(), boxes, task);
            }
        }
        return 0;
    }
}
