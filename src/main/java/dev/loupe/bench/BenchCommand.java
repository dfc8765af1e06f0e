package dev.loupe.bench;

import picocli.CommandLine.Command;

/** {@code loupe bench}: benchmarks that print their figures as ratios against a reference measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark.",
        subcommands = {GalleryBench.class, FormatsBench.class, PreannotateBench.class, CanvasBench.class, MetricsBench.class, PlotBench.class, ClusterBench.class, AugmentBench.class, TrainBench.class, TeamBench.class, ImagesBench.class, ConsensusBench.class, SuspectsBench.class, LabelNextBench.class, VideoBench.class, TrackBench.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("Choose a benchmark: loupe bench gallery --help");
    }
}
