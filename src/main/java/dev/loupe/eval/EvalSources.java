package dev.loupe.eval;

import dev.loupe.core.Task;
import dev.loupe.formats.AnnotationFormat;
import dev.loupe.formats.AnnotationFormats;
import dev.loupe.formats.PlacedAnnotations;
import dev.loupe.formats.PlacedBox;
import dev.loupe.formats.ReadOptions;
import dev.loupe.formats.UnknownLabels;
import dev.loupe.inference.Detector;
import dev.loupe.inference.Detectors;
import dev.loupe.inference.ModelException;
import dev.loupe.inference.PreannotateJob;
import dev.loupe.inference.PreannotateRequest;
import dev.loupe.jobs.JobContext;
import dev.loupe.store.ProjectStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where boxes to evaluate come from: a task of the project ({@code NAME}), annotation files
 * ({@code FORMAT:PATH}, matched to the dataset but not stored), or a model run now ({@code model:NAME}, its
 * predictions kept in task {@code eval:NAME} at score 0.001 so a rerun resumes).
 */
public final class EvalSources {
    public static final String MODEL_PREFIX = "model:";
    private EvalSources() {
    }

    public static List<EvalBox> read(ProjectStore store, String dataset, String spec, Path modelsDir, Set<String> classes,
                                     JobContext ctx) throws Exception {
        return read(store, dataset, spec, modelsDir, classes, null, ctx);
    }

    /**
     * As above; a model runs only on {@code images} (null: every image of the dataset). The boxes returned are
     * all the task holds, so evaluate on the images that were asked for.
     */
    public static List<EvalBox> read(ProjectStore store, String dataset, String spec, Path modelsDir, Set<String> classes,
                                     Set<Long> images, JobContext ctx) throws Exception {
        if (spec.startsWith(MODEL_PREFIX)) {
            return fromModel(store, dataset, spec.substring(MODEL_PREFIX.length()), modelsDir, classes, images, ctx);
        }
        int colon = spec.indexOf(':');
        if (colon > 0 && isFormat(spec.substring(0, colon))) {
            AnnotationFormat format = AnnotationFormats.byName(spec.substring(0, colon));
            PlacedAnnotations placed = PlacedAnnotations.resolve(store, dataset, format,
                    List.of(Path.of(spec.substring(colon + 1))), ReadOptions.defaults(), UnknownLabels.ADD, ctx);
            List<EvalBox> out = new ArrayList<>();
            for (PlacedBox b : placed.boxes()) {
                out.add(new EvalBox(b.image().id(), b.label(), b.x(), b.y(), b.w(), b.h(),
                        Double.isNaN(b.score()) ? 1.0 : b.score(), b.crowd(), b.area()));
            }
            return out;
        }
        return TaskBoxes.read(store, dataset, List.of(spec)).get(spec);
    }

    private static boolean isFormat(String name) {
        return AnnotationFormats.all().stream().anyMatch(f -> f.name().equalsIgnoreCase(name));
    }

    /**
     * Runs the model over the dataset into a task named after the exact weights, so two models that share a
     * name (a retrained model and its retrained successor) never mix their boxes.
     */
    private static List<EvalBox> fromModel(ProjectStore store, String dataset, String model, Path modelsDir,
                                           Set<String> classes, Set<Long> images, JobContext ctx) throws Exception {
        String task;
        try (Detector d = Detectors.load(model, modelsDir,
                new Detectors.DetectorConfigOverrides(0.001, null, 100, null, null, classes), b -> { })) {
            task = Task.EVALUATION_PREFIX + model + "#" + d.descriptor().weights().sha256().substring(0, 12);
            new PreannotateJob(store, d, new PreannotateRequest(dataset, task, classes, null, null, 0, images)).run(ctx);
        } catch (ModelException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Map<String, List<EvalBox>> boxes = TaskBoxes.read(store, dataset, List.of(task));
        return boxes.get(task);
    }
}
