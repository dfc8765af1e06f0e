package dev.loupe.testing;

import dev.loupe.jobs.JobContext;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/** Job contexts a test steers: one that acts at each progress report, others that stop the job when told. */
public final class Contexts {

    private Contexts() {
    }

    /** Runs {@code action} with the units done at every progress report; never cancelled. */
    public static JobContext onProgress(LongConsumer action) {
        return new Steered(action, () -> false);
    }

    /** Asks the job to stop once it has reported progress {@code reports} times. */
    public static JobContext stopAfterReports(long reports) {
        AtomicLong seen = new AtomicLong();
        return new Steered(done -> seen.incrementAndGet(), () -> seen.get() >= reports);
    }

    /** Asks the job to stop whenever {@code condition} holds (as a crash would stop it, between its steps). */
    public static JobContext stopWhen(BooleanSupplier condition) {
        return new Steered(done -> { }, condition);
    }

    private record Steered(LongConsumer onProgress, BooleanSupplier stop) implements JobContext {
        @Override
        public void progress(long done, long total) {
            onProgress.accept(done);
        }

        @Override
        public void message(String text) {
        }

        @Override
        public void problem(String item, String reason) {
        }

        @Override
        public boolean isCancelled() {
            return stop.getAsBoolean();
        }
    }
}
