package dev.loupe.cli;

import dev.loupe.jobs.JobHandle;
import dev.loupe.jobs.JobListener;

import java.io.PrintStream;

/**
 * Draws a job's progress on stderr: a redrawn bar on a terminal, an occasional plain line in logs and pipes.
 */
final class ProgressBar implements JobListener {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = terminal ? 100_000_000L : 5_000_000_000L;
    }

    @Override
    public synchronized void changed(JobHandle<?> job) {
        long now = System.nanoTime();
        boolean finished = job.state().isFinished();
        if (!finished && drawn && now - lastDraw < intervalNanos) {
            return;
        }
        lastDraw = now;
        drawn = true;
        String line = render(job);
        if (terminal) {
            out.print("\r" + line + (finished ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String render(JobHandle<?> job) {
        double f = job.fraction();
        StringBuilder sb = new StringBuilder(job.name()).append(' ');
        if (f >= 0) {
            int filled = (int) Math.round(f * WIDTH);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(job.done()).append('/').append(job.total());
        } else {
            sb.append(job.done());
        }
        if (!job.problems().isEmpty()) {
            sb.append(", ").append(job.problems().size()).append(" skipped");
        }
        if (job.state().isFinished()) {
            sb.append(" ").append(job.state().name().toLowerCase());
        }
        return sb.toString();
    }
}
