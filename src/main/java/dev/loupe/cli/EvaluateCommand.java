package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.eval.CocoEvaluator;
import dev.loupe.eval.EvalBox;
import dev.loupe.eval.EvalResult;
import dev.loupe.eval.EvalSources;
import dev.loupe.eval.ImageScope;
import dev.loupe.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"COCO evaluation of prediction tasks against a ground-truth task: AP50, AP75, mAP (.50:.95), "
                + "AP by size, AR100 and VOC AP50, side by side.",
                "By default every image of the dataset counts, as pycocotools counts the images of its ground-truth "
                        + "file (--only-images-with-gt counts as the reference workflow did); object sizes use COCO's "
                        + "annotated 'area' where the ground truth has one; crowd boxes are ignore regions; rejected "
                        + "predictions are left out."})
final class EvaluateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT", description = "The project folder.")
    Path project;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--gt", required = true, paramLabel = "SOURCE",
            description = "Ground truth: a task name, FORMAT:PATH (annotation files, e.g. coco:gt.json), or model:NAME.")
    String gt;

    @Option(names = "--pred", required = true, paramLabel = "SOURCE",
            description = "Predictions, as --gt (repeat to compare); model:NAME runs the model now (score 0.001).")
    List<String> preds = new ArrayList<>();

    @Option(names = "--models-dir", paramLabel = "DIR", description = "Weights for model:NAME sources.")
    Path modelsDir;

    @Option(names = "--classes", split = ",", paramLabel = "CLASS", description = "Only these classes, e.g. person.")
    List<String> classes = new ArrayList<>();

    @Option(names = "--only-images-with-gt", description = "Count only images with ground truth of the evaluated "
            + "classes (the reference workflow's convention): detections on other images are then ignored.")
    boolean onlyImagesWithGt;

    @Option(names = "--split", paramLabel = "SIDE", description = "Only images of this side of the split: train, validation or test.")
    String split;

    @Option(names = "--originals", description = "Leave augmented copies out.")
    boolean originals;

    @Option(names = "--json", description = "Print JSON: per prediction task ap50, ap75, map, apSmall, apMedium, apLarge, ...")
    boolean json;

    private static List<String> concat(String first, List<String> rest) {
        List<String> out = new ArrayList<>(rest);
        out.add(0, first);
        return out;
    }

    @Override
    public Integer call() throws Exception {
        try (Project p = CliSupport.open(project)) {
            Map<String, List<EvalBox>> boxes = new LinkedHashMap<>();
            for (String source : preds.isEmpty() ? List.of(gt) : concat(gt, preds)) {
                boxes.put(source, CliSupport.run("read " + source, ctx -> EvalSources.read(p.store(), dataset, source,
                        modelsDir, Set.copyOf(classes), ctx)));
            }
            ImageScope scope = onlyImagesWithGt ? ImageScope.ONLY_IMAGES_WITH_GT : ImageScope.EVERY_IMAGE;
            Set<Long> images = scope.select(restrict(p), boxes.get(gt), Set.copyOf(classes));
            Map<String, EvalResult> results = new LinkedHashMap<>();
            for (String pred : preds) {
                results.put(pred, CocoEvaluator.evaluate(boxes.get(gt), boxes.get(pred), Set.copyOf(classes), images));
            }
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("dataset", dataset);
                out.put("gt", gt);
                out.put("classes", classes);
                out.put("imageScope", scope.name());
                out.put("results", results);
                System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
                return 0;
            }
            EvalResult any = results.values().iterator().next();
            System.out.printf("%s vs ground truth '%s' on %d images (%s)%s%n", String.join(", ", preds), gt,
                    any.images(), scope.description(), classes.isEmpty() ? "" : ", classes " + classes);
            System.out.printf("Object sizes (APs, APm, APl) by %s%n", any.sizeAreas().description());
            System.out.printf("%-20s %7s %7s %7s %7s %7s %7s %7s %8s%n", "task", "AP50", "AP75", "mAP", "APs", "APm",
                    "APl", "AR100", "VOC AP50");
            results.forEach((task, r) -> System.out.printf("%-20s %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %8.3f%n",
                    task, r.ap50(), r.ap75(), r.map(), r.apSmall(), r.apMedium(), r.apLarge(), r.ar100(), r.vocAp50()));
            if (results.values().iterator().next().perClass().size() == 1) {
                results.forEach((task, r) -> System.out.printf("%-20s best F1 %.3f at score >= %.3f, recall@0.5 %.3f%n", task,
                        r.perClass().get(0).bestF1(), r.perClass().get(0).bestF1Score(), r.recall50()));
            }
        }
        return 0;
    }

    /** The images of the dataset, narrowed to one side of the split and/or to originals when asked. */
    private Set<Long> restrict(Project p) {
        long id = p.store().requireDataset(dataset).id();
        Set<Long> out = new java.util.LinkedHashSet<>();
        for (long image : p.store().imageIds(dev.loupe.core.ImageFilter.all(id))) {
            out.add(image);
        }
        if (split != null) {
            dev.loupe.core.Split side = CliSupport.side(split);
            Map<Long, dev.loupe.core.Split> sides = p.store().split(id);
            if (sides.isEmpty()) {
                throw new IllegalArgumentException("dataset '" + dataset + "' has no split: run 'loupe split' first");
            }
            out.removeIf(i -> sides.get(i) != side);
        }
        if (originals) {
            p.store().augmentedImages(id).forEach(a -> out.remove(a.imageId()));
        }
        return out;
    }
}
