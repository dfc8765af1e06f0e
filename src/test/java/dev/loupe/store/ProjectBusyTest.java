package dev.loupe.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two stores on one file stand for two processes: the one kept waiting says whose job holds the project. */
class ProjectBusyTest {
    @TempDir
    Path dir;

    private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        otherThread.shutdownNow();
    }

    /** A write transaction of {@code store} held open on another thread until the returned latch is released. */
    private record HeldWrite(Future<?> write, CountDownLatch release) {
        void end() throws Exception {
            release.countDown();
            write.get();
        }
    }

    private HeldWrite holdWrite(SqlProjectStore store) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> write = otherThread.submit(() -> store.inTransaction(() -> {
            store.label("held");
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holding.await();
        return new HeldWrite(write, release);
    }

    @Test
    void aWriterKeptWaitingNamesTheJobThatHoldsTheProject() throws Exception {
        Path file = dir.resolve("loupe.db");
        try (SqlProjectStore holder = SqlProjectStore.open(file);
             SqlProjectStore waiter = SqlProjectStore.open(file, Duration.ofMillis(300))) {
            try (ProjectStore.RunningJob job = holder.announce("import-annotations into task 'gt'")) {
                HeldWrite held = holdWrite(holder);
                ProjectBusyException busy = assertThrows(ProjectBusyException.class, () -> waiter.label("car"));
                assertTrue(busy.getMessage().contains("import-annotations into task 'gt'"), busy.getMessage());
                assertTrue(busy.getMessage().contains("pid " + ProcessHandle.current().pid()), busy.getMessage());
                assertTrue(busy.getMessage().contains(dir.toString()), busy.getMessage());
                held.end();
            }
            assertEquals("car", waiter.label("car").name(), "the project is free again");
            // the finished job is gone from the register: a third process kept waiting names only the running one
            try (ProjectStore.RunningJob own = waiter.announce("metrics of dataset 'dev'")) {
                HeldWrite held = holdWrite(waiter);
                try (SqlProjectStore third = SqlProjectStore.open(file, Duration.ofMillis(200))) {
                    String message = assertThrows(ProjectBusyException.class, () -> third.label("dog")).getMessage();
                    assertTrue(message.contains("metrics of dataset 'dev'"), message);
                    assertFalse(message.contains("import-annotations"), message);
                }
                held.end();
            }
        }
    }
}
