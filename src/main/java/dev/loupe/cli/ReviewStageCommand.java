package dev.loupe.cli;

import dev.loupe.core.ReviewStage;
import dev.loupe.core.Task;
import dev.loupe.project.Project;
import dev.loupe.project.Workspace;
import dev.loupe.rank.ModelRanking;
import dev.loupe.rank.RankJob;
import dev.loupe.review.ReviewStages;
import dev.loupe.review.StageProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

@Command(name = "review-stage", mixinStandardHelpOptions = true,
        description = {"Create a review stage: a seeded sample of a task's images for reviewers to accept or reject, "
                + "or (with --list) show every stage of the task with its progress."})
final class ReviewStageCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT")
    Path project;

    @Option(names = "--task", required = true, paramLabel = "NAME")
    String task;

    @Option(names = "--list", description = "List the task's stages and their progress instead.")
    boolean list;

    @Option(names = "--name", paramLabel = "NAME", description = "Stage name (default: stage N).")
    String name;

    @Option(names = "--percent", defaultValue = "20", paramLabel = "P", description = "Share of images to sample (default ${DEFAULT-VALUE}).")
    double percent;

    @Option(names = "--label", paramLabel = "LABEL", description = "Only images with a box of this label.")
    String label;

    @Option(names = "--annotator", paramLabel = "NAME", description = "Only images with a box by this author.")
    String annotator;

    @Option(names = "--since", paramLabel = "YYYY-MM-DD", description = "Only images with a box changed since this day (UTC).")
    LocalDate since;

    @Option(names = "--seed", paramLabel = "S", description = "Sampling seed (default: random, printed).")
    Long seed;

    @Option(names = "--ranked-by", paramLabel = "MODEL", description = "Take the images this model ranks first for "
            + "labelling (least sure, spread over kinds of scene; as 'loupe rank') instead of a random sample.")
    String rankedBy;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "Where --ranked-by finds its model.")
    Path modelsDir;

    @Override
    public Integer call() throws Exception {
        try (Project p = CliSupport.open(project)) {
            Task t = p.store().tasks().stream().filter(x -> x.name().equals(task)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no task '" + task + "' in this project"));
            ReviewStages stages = new ReviewStages(p.store());
            if (list) {
                for (ReviewStage s : p.store().stages(t.id())) {
                    StageProgress pr = stages.progress(s);
                    System.out.printf("%-24s %5.1f%%  %4d images: %4d accepted, %4d rejected, %4d to review%n", s.name(),
                            s.samplePercent(), pr.images(), pr.accepted(), pr.rejected(), pr.pending());
                }
                return 0;
            }
            String stageName = name != null ? name : "stage " + (p.store().stages(t.id()).size() + 1);
            Instant from = since == null ? null : since.atStartOfDay().toInstant(ZoneOffset.UTC);
            String author = Workspace.fromEnvironment().settings().userName();
            if (rankedBy != null) {
                ReviewStage created = CliSupport.run("rank", ctx -> stages.createRanked(t.id(), stageName, percent,
                        label, annotator, from, null, new ModelRanking(p.store(), rankedBy, modelsDir,
                                RankJob.DEFAULT_DIVERSITY, ctx), author));
                System.out.printf("Review stage '%s' of task '%s': the %d images %s ranks first (%.1f%%)%n",
                        created.name(), task, p.store().stageImages(created.id()).size(), rankedBy, percent);
                return 0;
            }
            long s = seed != null ? seed : System.nanoTime();
            ReviewStage created = stages.create(t.id(), stageName, percent, label, annotator, from, null, s, author);
            System.out.printf("Review stage '%s' of task '%s': %d images sampled (%.1f%%, seed %d)%n", created.name(), task,
                    p.store().stageImages(created.id()).size(), percent, s);
        }
        return 0;
    }
}
