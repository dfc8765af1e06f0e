package dev.loupe.jobs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobRunnerTest {

    @Test
    void reportsProgressProblemsAndTheResult() throws Exception {
        try (JobRunner runner = JobRunner.sameThread()) {
            List<String> seen = new CopyOnWriteArrayList<>();
            runner.addListener(j -> seen.add(j.state() + " " + j.done() + "/" + j.total()));
            JobHandle<String> h = runner.submit("count", ctx -> {
                ctx.progress(1, 2);
                ctx.problem("b.jpg", "truncated");
                ctx.progress(2, 2);
                return "ok";
            });
            assertEquals("ok", h.await());
            assertEquals(JobState.SUCCEEDED, h.state());
            assertEquals(List.of(new JobProblem("b.jpg", "truncated")), h.problems());
            assertEquals(List.of("RUNNING 0/-1", "RUNNING 1/2", "RUNNING 1/2", "RUNNING 2/2", "SUCCEEDED 2/2"), seen);
            assertEquals(1.0, h.fraction());
        }
    }

    @Test
    void aFailingJobKeepsItsError() {
        try (JobRunner runner = JobRunner.sameThread()) {
            JobHandle<Object> h = runner.submit("boom", ctx -> {
                throw new IllegalStateException("disk full");
            });
            assertEquals(JobState.FAILED, h.state());
            assertEquals("disk full", h.error().getMessage());
            ExecutionException e = assertThrows(ExecutionException.class, h::await);
            assertInstanceOf(IllegalStateException.class, e.getCause());
        }
    }

    @Test
    void cancellingARunningBackgroundJobStopsItAtItsNextCheck() throws Exception {
        try (JobRunner runner = JobRunner.background(1)) {
            CountDownLatch started = new CountDownLatch(1);
            JobHandle<Integer> h = runner.submit("spin", ctx -> {
                started.countDown();
                int i = 0;
                while (true) {
                    ctx.checkCancelled();
                    ctx.progress(++i, -1);
                }
            });
            assertTrue(started.await(5, TimeUnit.SECONDS));
            h.cancel();
            assertThrows(ExecutionException.class, () -> h.result().get(5, TimeUnit.SECONDS));
            assertEquals(JobState.CANCELLED, h.state());
            assertEquals(null, h.error());
        }
    }

    @Test
    void aJobCancelledBeforeItStartsNeverRuns() throws Exception {
        try (JobRunner runner = JobRunner.background(1)) {
            CountDownLatch release = new CountDownLatch(1);
            runner.submit("blocker", ctx -> {
                release.await();
                return null;
            });
            List<String> ran = new CopyOnWriteArrayList<>();
            JobHandle<Object> queued = runner.submit("queued", ctx -> ran.add("ran"));
            queued.cancel();
            release.countDown();
            assertThrows(ExecutionException.class, () -> queued.result().get(5, TimeUnit.SECONDS));
            assertEquals(JobState.CANCELLED, queued.state());
            assertEquals(List.of(), ran);
        }
    }
}
