package dev.loupe.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** What {@code train} and {@code tao-bundle} train on: a project's dataset, its ground-truth task, the classes. */
final class TrainingDataOptions {

    @Parameters(paramLabel = "PROJECT")
    Path project;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--task", required = true, paramLabel = "GT_TASK", description = "The task holding the ground truth.")
    String task;

    @Option(names = "--classes", split = ",", defaultValue = "person", description = "Classes to train (default: ${DEFAULT-VALUE}).")
    List<String> classes;
}
