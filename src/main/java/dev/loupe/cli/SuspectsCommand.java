package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ImageItem;
import dev.loupe.eval.EvalSources;
import dev.loupe.project.Project;
import dev.loupe.suspects.Suspect;
import dev.loupe.suspects.SuspectConfig;
import dev.loupe.suspects.SuspectsJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "suspects", mixinStandardHelpOptions = true,
        description = {"Likely mistakes in a task's boxes, best first, from a model's predictions on the dataset: "
                + "missing boxes, false boxes, wrong labels, poor fits and duplicates.",
                "The model's predictions are kept in a task of their own, so a second run does not infer again."})
final class SuspectsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT")
    Path project;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--task", required = true, paramLabel = "NAME", description = "The boxes to check.")
    String task;

    @Option(names = "--model", defaultValue = "yolox_nano", paramLabel = "NAME")
    String model;

    @Option(names = "--models-dir", paramLabel = "DIR")
    Path modelsDir;

    @Option(names = "--top", defaultValue = "100", paramLabel = "N", description = "How many to list (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print JSON: {\"suspects\": [{image, kind, box: [x, y, w, h], label, score}]}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Project p = CliSupport.open(project)) {
            var predictions = CliSupport.run("predict", ctx -> EvalSources.read(p.store(), dataset,
                    EvalSources.MODEL_PREFIX + model, modelsDir, null, ctx));
            List<Suspect> found = CliSupport.run("suspects", new SuspectsJob(p.store(), dataset, task, predictions,
                    SuspectConfig.defaults()));
            List<Suspect> shown = found.subList(0, Math.min(top, found.size()));
            Map<Long, String> names = new HashMap<>();
            for (ImageItem im : p.store().images(shown.stream().mapToLong(Suspect::imageId).distinct().toArray())) {
                names.put(im.id(), im.relativePath());
            }
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode out = mapper.createObjectNode();
            ArrayNode list = out.putArray("suspects");
            for (Suspect s : shown) {
                String kind = s.kind().name().toLowerCase(Locale.ROOT);
                ObjectNode n = list.addObject().put("image", names.get(s.imageId())).put("imageId", s.imageId())
                        .put("kind", kind);
                n.putArray("box").add(s.x()).add(s.y()).add(s.w()).add(s.h());
                n.put("label", s.label()).put("score", Math.round(s.score() * 10_000) / 10_000.0);
                if (s.model() != null && !s.model().label().equals(s.label())) {
                    n.put("predicted", s.model().label());
                }
                if (!json) {
                    System.out.printf("%.3f  %-12s %-30s %-14s [%.0f, %.0f, %.0f, %.0f]%n", s.score(), kind,
                            names.get(s.imageId()), s.label(), s.x(), s.y(), s.w(), s.h());
                }
            }
            if (json) {
                System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(out));
            } else {
                System.out.printf("%,d suspects in all%n", found.size());
            }
        }
        return 0;
    }
}
