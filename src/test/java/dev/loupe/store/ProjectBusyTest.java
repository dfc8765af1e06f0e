package dev.loupe.store;

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

    @Test
    void aWriterKeptWaitingNamesTheJobThatHoldsTheProject() throws Exception {
        Path file = dir.resolve("loupe.db");
        ExecutorService otherThread = Executors.newSingleThreadExecutor();
        try (SqliteProjectStore holder = SqliteProjectStore.open(file);
             SqliteProjectStore waiter = SqliteProjectStore.open(file, Duration.ofMillis(300))) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> longWrite;
            try (ProjectStore.RunningJob job = holder.announce("import-annotations into task 'gt'")) {
                longWrite = otherThread.submit(() -> holder.inTransaction(() -> {
                    holder.label("person");
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
                holding.await();
                ProjectBusyException busy = assertThrows(ProjectBusyException.class, () -> waiter.label("car"));
                assertTrue(busy.getMessage().contains("import-annotations into task 'gt'"), busy.getMessage());
                assertTrue(busy.getMessage().contains("pid " + ProcessHandle.current().pid()), busy.getMessage());
                assertTrue(busy.getMessage().contains(dir.toString()), busy.getMessage());
                release.countDown();
                longWrite.get();
            }
            assertEquals("car", waiter.label("car").name(), "the project is free again");
            // the finished job is gone from the register: the holder, now kept waiting, is told of no job
            try (ProjectStore.RunningJob own = waiter.announce("metrics of dataset 'dev'")) {
                CountDownLatch held = new CountDownLatch(1);
                CountDownLatch done = new CountDownLatch(1);
                Future<?> write = otherThread.submit(() -> waiter.inTransaction(() -> {
                    held.countDown();
                    try {
                        done.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
                held.await();
                try (SqliteProjectStore third = SqliteProjectStore.open(file, Duration.ofMillis(200))) {
                    String message = assertThrows(ProjectBusyException.class, () -> third.label("dog")).getMessage();
                    assertTrue(message.contains("metrics of dataset 'dev'"), message);
                    assertFalse(message.contains("import-annotations"), message);
                }
                done.countDown();
                write.get();
            }
        } finally {
            otherThread.shutdownNow();
        }
    }
}
