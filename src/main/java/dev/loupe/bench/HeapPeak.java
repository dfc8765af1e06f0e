package dev.loupe.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Samples used heap every few milliseconds while a phase runs; reports the peak above the starting level. */
final class HeapPeak implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long baseline;
    private final Thread sampler;
    private volatile long peak;
    private volatile boolean running = true;

    HeapPeak() {
        System.gc();
        baseline = used();
        peak = baseline;
        sampler = new Thread(() -> {
            while (running) {
                peak = Math.max(peak, used());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private long used() {
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Peak heap above the baseline, in MB. */
    double peakMb() {
        return (Math.max(peak, used()) - baseline) / 1048576.0;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
    }
}
