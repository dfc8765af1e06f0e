package dev.loupe.testing;

import dev.loupe.core.Box;
import dev.loupe.review.Rect;
import dev.loupe.review.ReviewSession;
import dev.loupe.store.SqlProjectStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An annotator's desktop in a process of its own: it opens the team project as its role and, for each line "x" read
 * from its input, moves the image's first box to that x through Loupe's review session, then answers "moved x".
 */
public final class AnnotatorDesktop implements AutoCloseable {
    private final Process process;
    private final BufferedReader answers;

    private AnnotatorDesktop(Process process) {
        this.process = process;
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the process on the same classes as this test; returns once it has opened the project. */
    public static AnnotatorDesktop start(String jdbcUrl, String role, long imageId, long taskId) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                AnnotatorDesktop.class.getName(), jdbcUrl, role, Long.toString(imageId), Long.toString(taskId)))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        AnnotatorDesktop desktop = new AnnotatorDesktop(p);
        desktop.expect("ready");
        return desktop;
    }

    /** Asks the other process to move the box; returns when it says the edit is stored. */
    public void moveTo(double x) throws IOException {
        process.getOutputStream().write((x + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        expect("moved " + x);
    }

    /** Reads the process's output up to the answer (log lines may come before it). */
    private void expect(String answer) throws IOException {
        for (String line; (line = answers.readLine()) != null; ) {
            if (answer.equals(line)) {
                return;
            }
        }
        throw new IOException("the annotator's process ended before answering '" + answer + "'");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    public static void main(String[] args) throws IOException {
        long image = Long.parseLong(args[2]);
        try (SqlProjectStore store = SqlProjectStore.onServer(args[0], args[1], args[1])) {
            ReviewSession session = new ReviewSession(store, new long[]{image}, 0, Long.parseLong(args[3]), args[1]);
            System.out.println("ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                double x = Double.parseDouble(line.strip());
                Box box = store.boxes(image).get(0);
                session.reshape(box.id(), new Rect(x, box.y(), box.w(), box.h()));
                System.out.println("moved " + x);
            }
        }
    }
}
