package dev.loupe.inference;

import java.util.List;

/** A loaded object detector. Sessions are not thread-safe: each worker thread uses its own. */
public interface Detector extends AutoCloseable {

    ModelDescriptor descriptor();

    DetectorConfig config();

    /** Where it runs, e.g. "cpu()" or "gpu(0)". */
    String device();

    /** Session {@code index} (0 ≤ index < config().sessions()), for one thread at a time. */
    Session session(int index);

    @Override
    void close();

    /** Runs the model on prepared inputs. */
    interface Session {
        List<Detection> detect(PreparedImage input) throws ModelException;
    }
}
