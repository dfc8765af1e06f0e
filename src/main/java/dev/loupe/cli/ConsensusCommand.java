package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.consensus.ConsensusConfig;
import dev.loupe.consensus.ConsensusJob;
import dev.loupe.consensus.ConsensusReport;
import dev.loupe.consensus.ConsensusRequest;
import dev.loupe.consensus.Tally;
import dev.loupe.consensus.TruthTally;
import dev.loupe.project.Project;
import dev.loupe.project.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "consensus", mixinStandardHelpOptions = true,
        description = {"Compare several annotators' boxes on a dataset and write their merged truth to a task of its own.",
                "Annotators are tasks (--tasks a,b,c) or people drawing in one task (--task T --people a,b,c). Boxes "
                        + "are matched one to one by IoU; agreement is the F1 of matched boxes. Objects found by at "
                        + "least the quorum become merged boxes (mean or score-weighted corners, the most common "
                        + "label), each linked to its sources."})
final class ConsensusCommand implements Callable<Integer> {
    private static final int LOWEST_SHOWN = 20;

    @Parameters(paramLabel = "PROJECT")
    Path project;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK", description = "One task per annotator.")
    List<String> tasks;

    @Option(names = "--task", paramLabel = "TASK", description = "With --people: the task they all draw in.")
    String task;

    @Option(names = "--people", split = ",", paramLabel = "PERSON", description = "With --task: one annotator each "
            + "(their boxes by author).")
    List<String> people;

    @Option(names = "--out-task", required = true, paramLabel = "TASK", description = "Where the merged truth goes "
            + "(its boxes on this dataset are replaced).")
    String outTask;

    @Option(names = "--iou", defaultValue = "0.5", paramLabel = "IOU", description = "Least overlap of one object's "
            + "boxes (default ${DEFAULT-VALUE}).")
    double iou;

    @Option(names = "--quorum", defaultValue = "2", paramLabel = "N", description = "Annotators that must find an "
            + "object for it to be kept (default ${DEFAULT-VALUE}).")
    int quorum;

    @Option(names = "--fusion", defaultValue = "mean", paramLabel = "mean|wbf", description = "How a group of boxes "
            + "becomes one: mean corners, or weighted by score (default ${DEFAULT-VALUE}).")
    String fusion;

    @Option(names = "--truth", paramLabel = "TASK", description = "A task with known truth: each annotator's and the "
            + "merged truth's precision, recall and F1 against it.")
    String truth;

    @Option(names = "--route-below", paramLabel = "F1", description = "Send images whose agreement is below this to a "
            + "review stage of the merged task.")
    Double routeBelow;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<ConsensusRequest.Annotator> annotators;
        if (tasks != null && task == null && people == null) {
            annotators = ConsensusRequest.Annotator.tasks(tasks);
        } else if (tasks == null && task != null && people != null) {
            annotators = ConsensusRequest.Annotator.people(task, people);
        } else {
            throw new IllegalArgumentException("name the annotators either as --tasks a,b,c or as --task T --people a,b,c");
        }
        ConsensusConfig.Fusion how = switch (fusion.toLowerCase(Locale.ROOT)) {
            case "mean" -> ConsensusConfig.Fusion.MEAN;
            case "wbf" -> ConsensusConfig.Fusion.WBF;
            default -> throw new IllegalArgumentException("--fusion is '" + fusion + "' (expected mean or wbf)");
        };
        try (Project p = CliSupport.open(project)) {
            String author = p.store().login().orElseGet(() -> Workspace.fromEnvironment().settings().userName());
            ConsensusRequest request = new ConsensusRequest(dataset, annotators, outTask, truth,
                    new ConsensusConfig(iou, quorum, how), routeBelow, author);
            ConsensusReport report = CliSupport.run("consensus", new ConsensusJob(p.store(), request));
            if (json) {
                System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(report)));
            } else {
                print(report);
            }
        }
        return 0;
    }

    private static ObjectNode toJson(ConsensusReport r) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode out = mapper.createObjectNode();
        out.put("images", r.imageIds().length).put("mergedBoxes", r.mergedBoxes()).put("belowQuorum", r.belowQuorum());
        agreement(out.putObject("agreement"), r.overall());
        ArrayNode annotators = out.putArray("annotators");
        for (ConsensusReport.AnnotatorRow a : r.annotators()) {
            ObjectNode n = annotators.addObject().put("name", a.name()).put("boxes", a.boxes());
            agreement(n, a.vsOthers());
            if (a.vsTruth() != null) {
                truth(n.putObject("vsTruth"), a.vsTruth());
            }
        }
        ArrayNode labels = out.putArray("labels");
        for (ConsensusReport.LabelRow l : r.labels()) {
            ObjectNode n = labels.addObject().put("label", l.label());
            agreement(n, l.agreement());
            if (l.mergedVsTruth() != null) {
                truth(n.putObject("mergedVsTruth"), l.mergedVsTruth());
            }
        }
        if (r.merged() != null) {
            truth(out.putObject("mergedVsTruth"), r.merged());
        }
        ArrayNode lowest = out.putArray("lowestAgreement");
        for (int i = 0; i < Math.min(LOWEST_SHOWN, r.imageIds().length); i++) {
            lowest.addObject().put("image", r.imageIds()[i]).put("f1", round(r.imageF1()[i]));
        }
        out.put("routed", r.routed()).put("stageId", r.stageId()).put("seconds", round(r.seconds()));
        return out;
    }

    private static void agreement(ObjectNode n, Tally t) {
        n.put("f1", round(t.f1())).put("meanIou", round(t.meanIou())).put("matched", t.matched());
    }

    private static void truth(ObjectNode n, TruthTally t) {
        n.put("precision", round(t.precision())).put("recall", round(t.recall())).put("f1", round(t.f1()))
                .put("meanIou", round(t.meanIou()));
    }

    private static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10_000) / 10_000.0;
    }

    private static void print(ConsensusReport r) {
        System.out.printf("%,d images, agreement F1 %.3f; %,d merged boxes (%,d objects below the quorum left out) "
                + "in %.1f s%n", r.imageIds().length, r.overall().f1(), r.mergedBoxes(), r.belowQuorum(), r.seconds());
        System.out.printf("%-20s %8s %8s %8s %28s%n", "annotator", "boxes", "F1", "mean IoU", "vs truth P / R / F1");
        for (ConsensusReport.AnnotatorRow a : r.annotators()) {
            System.out.printf("%-20s %,8d %8.3f %8.3f %28s%n", a.name(), a.boxes(), a.vsOthers().f1(),
                    a.vsOthers().meanIou(), truthText(a.vsTruth()));
        }
        if (r.merged() != null) {
            System.out.printf("%-20s %8s %8s %8s %28s%n", "(merged)", "", "", "", truthText(r.merged()));
        }
        System.out.printf("%-20s %8s %8s%n", "label", "F1", "mean IoU");
        for (ConsensusReport.LabelRow l : r.labels()) {
            System.out.printf("%-20s %8.3f %8.3f%n", l.label(), l.agreement().f1(), l.agreement().meanIou());
        }
        if (r.routed() > 0) {
            System.out.printf("%,d images below the agreement asked for went to review stage %d%n", r.routed(),
                    r.stageId());
        }
    }

    private static String truthText(TruthTally t) {
        return t == null ? "" : String.format("%.3f / %.3f / %.3f", t.precision(), t.recall(), t.f1());
    }
}
