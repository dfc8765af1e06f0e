package dev.loupe.store;

import dev.loupe.core.Box;
import dev.loupe.core.NewBox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A team project's review edits while its server is away. An edit goes to the server at once; when the server
 * cannot be reached it is kept on disk ({@link OutboxFile}) and the caller is told it is stored, and so is every
 * later edit until all of them have been sent, in order, by a thread that tries every second. Edits kept when the
 * desktop stopped are sent when the project is next opened. Boxes drawn meanwhile take ids reserved beforehand.
 *
 * <p>An edit whose fate is unknown (the connection broke while it committed, or the desktop stopped after sending
 * it) is checked against the database before it is sent again, so none is stored twice.
 */
final class EditOutbox implements AutoCloseable {
    static final int SPARE_IDS = 64;

    /** An edit waiting to be sent; {@code inDoubt} when the database may already hold it. */
    private record Waiting(Edit edit, boolean inDoubt) {
    }

    private final Database db;
    private final String user;
    private final OutboxFile file;
    private final List<Waiting> waiting = new ArrayList<>();
    private final Deque<Long> spareIds = new ArrayDeque<>();
    private final List<String> refused = new ArrayList<>();
    private final List<Consumer<OutboxStatus>> listeners = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Boolean> keeping = ThreadLocal.withInitial(() -> false);
    private final ThreadLocal<Integer> transactions = ThreadLocal.withInitial(() -> 0);
    private final ScheduledExecutorService sender;
    private String problem;

    EditOutbox(Database db, String user, java.nio.file.Path path) {
        this.db = db;
        this.user = user;
        this.file = new OutboxFile(path);
        for (Edit e : file.read()) {
            waiting.add(new Waiting(e, true)); // the desktop may have stopped right after sending the first
        }
        reserveIds(0);
        sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loupe-outbox");
            t.setDaemon(true);
            return t;
        });
        sender.scheduleWithFixedDelay(this::sendWaiting, 0, 1, TimeUnit.SECONDS);
    }

    /** Stores {@code edit} now, or keeps it for later when the server is away or earlier edits still wait. */
    synchronized Object write(Edit edit) {
        if (keeping.get() || !waiting.isEmpty()) {
            return keep(edit, false);
        }
        try {
            Object result = db.write(c -> edit.send(c));
            reserveIds(0);
            return result;
        } catch (ServerUnreachableException lost) {
            if (transactions.get() > 0) {
                throw lost; // the transaction as a whole is kept (see together)
            }
            serverLost(lost);
            return keep(edit, true);
        }
    }

    /**
     * Runs {@code online} (a transaction whose writes come back here); if the server is lost meanwhile, runs
     * {@code work} again with every write kept for later, each in doubt (the commit may have reached the server).
     */
    synchronized <T> T together(Supplier<T> online, Supplier<T> work) {
        if (keeping.get() || !waiting.isEmpty()) {
            return keeping(work, false);
        }
        transactions.set(transactions.get() + 1);
        try {
            return online.get();
        } catch (ServerUnreachableException lost) {
            serverLost(lost);
        } finally {
            transactions.set(transactions.get() - 1);
        }
        return keeping(work, true);
    }

    /** Runs {@code work} keeping its writes for later, marked in doubt or not. */
    private <T> T keeping(Supplier<T> work, boolean inDoubt) {
        int from = waiting.size();
        boolean outer = keeping.get();
        keeping.set(true);
        try {
            return work.get();
        } finally {
            keeping.set(outer);
            if (inDoubt) {
                for (int i = from; i < waiting.size(); i++) {
                    waiting.set(i, new Waiting(waiting.get(i).edit(), true));
                }
            }
        }
    }

    /**
     * Adds boxes under ids reserved beforehand, as edits like any other (one transaction, or kept while the server is
     * away): an insert whose fate is unknown is looked up by its id before it is sent again, so no box is stored
     * twice. More boxes than ids in reserve are refused while the server is away.
     */
    synchronized long[] add(List<NewBox> boxes) {
        reserveIds(boxes.size());
        if (boxes.size() > spareIds.size()) {
            throw new ServerUnreachableException("the server cannot be reached and no ids are left in reserve for "
                    + boxes.size() + " new boxes: draw them when it is back (" + problem + ")", null);
        }
        long[] ids = new long[boxes.size()];
        List<Edit> inserts = new java.util.ArrayList<>(boxes.size());
        Instant now = Instant.now();
        for (int i = 0; i < ids.length; i++) {
            NewBox b = boxes.get(i);
            ids[i] = spareIds.pop();
            inserts.add(new Edit.RestoreBox(new Box(ids[i], b.imageId(), b.taskId(), b.labelId(), b.x(), b.y(), b.w(),
                    b.h(), b.source(), b.score(), b.status(), b.author(), now, now, b.crowd(), null, b.area(), b.flags(),
                    1)));
        }
        Supplier<Void> writeAll = () -> {
            inserts.forEach(this::write);
            return null;
        };
        together(() -> db.write(c -> writeAll.get()), writeAll);
        return ids;
    }

    private Object keep(Edit edit, boolean inDoubt) {
        waiting.add(new Waiting(edit, inDoubt));
        file.write(waiting.stream().map(Waiting::edit).toList());
        announce();
        return edit.assumed();
    }

    private void serverLost(ServerUnreachableException lost) {
        problem = lost.getMessage();
    }

    /**
     * Keeps a reserve of box ids (for boxes drawn, also while the server is away), at least {@code needed} of them when
     * the server can be asked.
     */
    private void reserveIds(int needed) {
        if (spareIds.size() < Math.max(needed, SPARE_IDS / 4)) {
            try {
                for (long id : db.read(c -> SqlBoxes.reserveIds(c, Math.max(needed, SPARE_IDS)))) {
                    spareIds.add(id);
                }
            } catch (ServerUnreachableException away) {
                // the next write tries again
            } catch (StoreException refused) {
                // the edit that came before is stored all the same; boxes drawn while the server is away will be refused
                org.slf4j.LoggerFactory.getLogger(EditOutbox.class).warn("cannot reserve box ids: {}", refused.getMessage());
            }
        }
    }

    /** Sends the waiting edits in order, until none waits or the server is still away. */
    void sendWaiting() {
        Waiting next;
        while ((next = head()) != null) {
            Waiting w = next;
            String refusal = null;
            try {
                db.write(c -> w.inDoubt() && w.edit().alreadyStored(c, user) ? null : w.edit().send(c));
            } catch (ServerUnreachableException lost) {
                synchronized (this) {
                    serverLost(lost);
                    waiting.set(0, new Waiting(w.edit(), true));
                }
                announce();
                return;
            } catch (RuntimeException refusedByServer) {
                refusal = w.edit().describe() + " was refused when sent: " + refusedByServer.getMessage();
                org.slf4j.LoggerFactory.getLogger(EditOutbox.class).warn("{}", refusal);
            }
            synchronized (this) {
                waiting.remove(0);
                file.write(waiting.stream().map(Waiting::edit).toList());
                if (refusal != null) {
                    refused.add(refusal);
                }
                if (waiting.isEmpty()) {
                    problem = null;
                    reserveIds(0);
                }
            }
            announce();
        }
    }

    private synchronized Waiting head() {
        return waiting.isEmpty() ? null : waiting.get(0);
    }

    synchronized OutboxStatus status() {
        return new OutboxStatus(waiting.size(), problem, refused);
    }

    ProjectStore.RunningJob watch(Consumer<OutboxStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void announce() {
        OutboxStatus now = status();
        listeners.forEach(l -> l.accept(now));
    }

    @Override
    public void close() {
        sender.shutdownNow();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
