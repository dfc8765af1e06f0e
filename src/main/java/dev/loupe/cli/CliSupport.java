package dev.loupe.cli;

import dev.loupe.jobs.Job;
import dev.loupe.jobs.JobCancelledException;
import dev.loupe.jobs.JobHandle;
import dev.loupe.jobs.JobRunner;
import dev.loupe.project.Project;
import dev.loupe.project.Workspace;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

/** What the commands share: opening a project and running a job with a progress bar. */
final class CliSupport {

    private CliSupport() {
    }

    static Project open(Path project) {
        return Project.open(project);
    }

    /** Makes a project the most recent one, so the GUI starts on it next time. */
    static void remember(Project p) {
        Workspace.fromEnvironment().rememberProject(p.folder());
    }

    /** The side of a split named by a {@code --split} option (null stays null: every image). */
    static dev.loupe.core.Split side(String option) {
        if (option == null) {
            return null;
        }
        try {
            return dev.loupe.core.Split.valueOf(option.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--split is '" + option + "', expected train, validation or test");
        }
    }

    /** Runs a job on this thread with a progress bar on stderr; its failure is rethrown as is. */
    static <T> T run(String name, Job<T> job) throws Exception {
        try (JobRunner runner = JobRunner.sameThread()) {
            runner.addListener(new ProgressBar(System.err, System.console() != null));
            JobHandle<T> handle = runner.submit(name, job);
            try {
                return handle.await();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof JobCancelledException jc) {
                    throw jc;
                }
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }
    }
}
