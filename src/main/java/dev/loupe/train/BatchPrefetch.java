package dev.loupe.train;

import dev.loupe.inference.Preprocessor;
import dev.loupe.jobs.JobProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes an epoch's batches one ahead, on a thread of its own, while the current batch trains: decoding, augmenting
 * and letterboxing take about a fifth of an image's training step. Batches are made in order from the epoch's one
 * random source, so a run augments exactly as it would without the overlap (and a resumed run as an
 * uninterrupted one).
 */
final class BatchPrefetch implements AutoCloseable {

    /** A batch as the network takes it: the images' pixels one after another, and their targets. */
    record Batch(float[] pixels, List<TrainingInput> inputs) {
    }

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "loupe-train-input");
        t.setDaemon(true);
        return t;
    });
    private final List<TrainingImages.Sample> order;
    private final int batchSize;
    private final DecodedImages decoded;
    private final Preprocessor preprocessor;
    private final int pixels;
    private final Random random;
    private final List<JobProblem> skipped;
    private Future<Batch> next;
    private int nextStart;

    /**
     * @param pixels values per image (3 x the network's input height x width)
     * @param random the augmentation's source, or null for none
     * @param skipped  receives the images that could not be prepared, with the reason
     */
    BatchPrefetch(List<TrainingImages.Sample> order, int batchSize, DecodedImages decoded, Preprocessor preprocessor,
                  int pixels, Random random, List<JobProblem> skipped) {
        this.order = order;
        this.batchSize = batchSize;
        this.decoded = decoded;
        this.preprocessor = preprocessor;
        this.pixels = pixels;
        this.random = random;
        this.skipped = skipped;
        submit();
    }

    /** The next batch (waiting for it if need be); starts making the one after. */
    Batch take() throws Exception {
        Batch batch;
        try {
            batch = next.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        if (nextStart < order.size()) {
            submit();
        }
        return batch;
    }

    private void submit() {
        List<TrainingImages.Sample> samples = order.subList(nextStart, Math.min(order.size(), nextStart + batchSize));
        nextStart += batchSize;
        next = worker.submit(() -> make(samples));
    }

    /** A batch of the samples that could be read; one that cannot is left out and recorded, the run goes on. */
    private Batch make(List<TrainingImages.Sample> samples) {
        List<TrainingInput> inputs = new ArrayList<>();
        for (TrainingImages.Sample sample : samples) {
            try {
                inputs.add(TrainingInput.prepare(sample, decoded, preprocessor, random));
            } catch (Exception e) {
                skipped.add(new JobProblem(sample.image().path(), e.getMessage()));
            } catch (OutOfMemoryError e) {
                skipped.add(new JobProblem(sample.image().path(), "not enough memory to prepare it"));
            }
        }
        float[] all = new float[inputs.size() * pixels];
        for (int i = 0; i < inputs.size(); i++) {
            System.arraycopy(inputs.get(i).image().tensor(), 0, all, i * pixels, pixels);
        }
        return new Batch(all, inputs);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
