package dev.loupe.cli;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ReviewStage;
import dev.loupe.core.Task;
import dev.loupe.project.Project;
import dev.loupe.review.Overlap;
import dev.loupe.review.WorkQueues;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "assign", mixinStandardHelpOptions = true,
        description = {"Share out work: a dataset's images to annotate in a task, or a review stage's images to judge, "
                + "among people in turn. Each then finds theirs with 'loupe queue' or the GUI's My work. On a team "
                + "project only admins may assign."})
final class AssignCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT")
    Path project;

    @Option(names = "--task", required = true, paramLabel = "NAME")
    String task;

    @Option(names = "--dataset", paramLabel = "NAME", description = "The images to annotate (without --stage).")
    String dataset;

    @Option(names = "--stage", paramLabel = "NAME", description = "A review stage of the task: its images to judge.")
    String stage;

    @Option(names = "--to", required = true, split = ",", paramLabel = "PERSON", description = "People, comma-separated "
            + "(on a team project, their user names).")
    List<String> people;

    @Option(names = "--reassign", description = "Share out every image again, not only those nobody has.")
    boolean reassign;

    @Option(names = "--overlap", defaultValue = "1", paramLabel = "N", description = "With --dataset: people per "
            + "overlapped image, each annotating it on their own (others' boxes hidden until all are done); compare "
            + "them with 'loupe consensus --task T --people …' (default ${DEFAULT-VALUE}: no overlap).")
    int copies;

    @Option(names = "--overlap-percent", defaultValue = "10", paramLabel = "P", description = "The share of images "
            + "overlapped (default ${DEFAULT-VALUE}).")
    double overlapPercent;

    @Option(names = "--seed", defaultValue = "1", description = "Draws the overlapped images (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        try (Project p = CliSupport.open(project)) {
            Task t = p.store().requireTask(task);
            WorkQueues queues = new WorkQueues(p.store());
            int assigned;
            String what;
            if (stage != null && copies > 1) {
                throw new IllegalArgumentException("--overlap is for annotation (--dataset): a stage's images are "
                        + "judged once");
            }
            if (stage != null) {
                ReviewStage s = p.store().stages(t.id()).stream().filter(x -> x.name().equals(stage)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no review stage '" + stage + "' in task '"
                                + task + "'"));
                assigned = queues.shareOut(s, people, reassign);
                what = "to judge in stage '" + stage + "'";
            } else {
                if (dataset == null) {
                    throw new IllegalArgumentException("name the images: --dataset NAME (to annotate) or --stage NAME "
                            + "(to judge)");
                }
                long[] ids = p.store().imageIds(ImageFilter.all(p.store().requireDataset(dataset).id()));
                assigned = queues.shareOut(t.id(), 0, ids, people, reassign, new Overlap(copies, overlapPercent, seed));
                what = "of dataset '" + dataset + "' to annotate in task '" + task + "'"
                        + (copies > 1 ? String.format(" (%.0f%% of them by %d people each)", overlapPercent, copies) : "");
            }
            System.out.printf("%d images %s shared out among %s%n", assigned, what, String.join(", ", people));
            if (assigned == 0 && !reassign) {
                System.out.println("(every image already had someone: --reassign shares them out again)");
            }
        }
        return 0;
    }
}
