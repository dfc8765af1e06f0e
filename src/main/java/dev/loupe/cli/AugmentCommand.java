package dev.loupe.cli;

import dev.loupe.augment.AugmentJob;
import dev.loupe.augment.AugmentRanges;
import dev.loupe.augment.RebalancePlan;
import dev.loupe.cluster.ClusterJob;
import dev.loupe.cluster.ClusterReport;
import dev.loupe.cluster.ClusterSettings;
import dev.loupe.core.ClusterRun;
import dev.loupe.core.Dataset;
import dev.loupe.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "augment", mixinStandardHelpOptions = true,
        description = {"Rebalance the clusters of the last 'loupe cluster' run: augmented copies of each cluster's "
                + "images (brightness, translate, scale; --all-ops adds flip, rotation, crop, HSV, blur, noise), boxes "
                + "transformed with the image, until every cluster holds --per-cluster images. Then clusters again "
                + "(same settings) so the report and the UMAP include the copies."})
final class AugmentCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT")
    Path project;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--per-cluster", required = true, paramLabel = "N", description = "Target images per cluster.")
    int perCluster;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the copies' recipes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--all-ops", description = "Also flip, rotate, crop, jitter HSV, blur and add noise.")
    boolean allOps;

    @Option(names = "--dry-run", description = "Print the plan only.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        try (Project p = CliSupport.open(project)) {
            Dataset ds = p.store().requireDataset(dataset);
            ClusterRun run = p.store().latestClusterRun(ds.id()).orElseThrow(() -> new IllegalArgumentException(
                    "dataset '" + dataset + "' has not been clustered yet: run 'loupe cluster' first"));
            RebalancePlan plan = RebalancePlan.make(run, p.store().augmentedImages(ds.id()), perCluster, seed);
            System.out.printf("Plan: %d images per cluster%n  %-8s %9s %14s %9s %9s%n", perCluster, "cluster", "images",
                    "copies before", "new", "after");
            for (RebalancePlan.ClusterPlan c : plan.clusters()) {
                System.out.printf("  %-8d %9d %14d %9d %9d%n", c.cluster(), c.images(), c.existingCopies(),
                        c.plannedCopies(), c.after());
            }
            if (dryRun) {
                return 0;
            }
            AugmentJob.Report r = CliSupport.run("augment", new AugmentJob(p.store(), dataset, plan,
                    allOps ? AugmentRanges.all() : AugmentRanges.reference(), p.cacheDir("augmented")));
            System.out.printf("Made %d copies with %d boxes in %.1f s (%.1f images/s); %d boxes dropped as pushed out "
                            + "of the image; %d copies were already there%n", r.copies(), r.boxes(), r.seconds(),
                    r.copies() / Math.max(1e-9, r.seconds()), r.droppedBoxes(), r.alreadyThere());
            r.failed().forEach(f -> System.out.printf("  not made: %s: %s%n", f.item(), f.reason()));
            ClusterReport after = CliSupport.run("cluster", new ClusterJob(p.store(), dataset,
                    ClusterSettings.ofRun(run)));
            ClusterCommand.print(after);
        }
        return 0;
    }
}
