package dev.loupe.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.Box;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox on disk: one JSON object per line, oldest first. Every change rewrites the file beside itself, forces it
 * to the disk and moves it into place, so a crash leaves the old list or the new one, never half of either.
 */
final class OutboxFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    OutboxFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    List<Edit> read() {
        if (!Files.isRegularFile(file)) {
            return new ArrayList<>();
        }
        List<Edit> out = new ArrayList<>();
        int line = 0;
        try {
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                line++;
                if (!text.isBlank()) {
                    out.add(decode(JSON.readTree(text)));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new StoreException(file + ":" + line + ": cannot read the edits kept for the server (expected one "
                    + "edit as a JSON object per line): " + e.getMessage(), e);
        }
        return out;
    }

    void write(List<Edit> edits) {
        StringBuilder text = new StringBuilder();
        for (Edit e : edits) {
            text.append(encode(e)).append('\n');
        }
        Path next = file.resolveSibling(file.getFileName() + ".next");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(StandardCharsets.UTF_8.encode(text.toString()));
                ch.force(true);
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException("cannot keep edits for the server in " + file + ": " + e.getMessage(), e);
        }
    }

    static ObjectNode encode(Edit edit) {
        ObjectNode n = JSON.createObjectNode();
        if (edit instanceof Edit.UpdateBox u) {
            n.put("kind", "update").set("box", box(u.box()));
        } else if (edit instanceof Edit.RestoreBox r) {
            n.put("kind", "restore").set("box", box(r.box()));
        } else if (edit instanceof Edit.DeleteBox d) {
            n.put("kind", "delete").put("boxId", d.boxId());
        } else if (edit instanceof Edit.ImageDone d) {
            n.put("kind", "done").put("imageId", d.imageId()).put("taskId", d.taskId()).put("done", d.done())
                    .put("author", d.author());
        } else if (edit instanceof Edit.AddComment c) {
            n.put("kind", "comment").put("imageId", c.imageId()).put("author", c.author()).put("text", c.text())
                    .put("at", c.at());
            if (c.boxId() != null) {
                n.put("boxId", c.boxId());
            }
        } else if (edit instanceof Edit.Verdict v) {
            n.put("kind", "verdict").put("stageId", v.stageId()).put("imageId", v.imageId())
                    .put("verdict", v.verdict().name()).put("reviewer", v.reviewer());
        }
        return n;
    }

    static Edit decode(JsonNode n) {
        String kind = n.path("kind").asText();
        return switch (kind) {
            case "update" -> new Edit.UpdateBox(box(n.get("box")));
            case "restore" -> new Edit.RestoreBox(box(n.get("box")));
            case "delete" -> new Edit.DeleteBox(n.get("boxId").asLong());
            case "done" -> new Edit.ImageDone(n.get("imageId").asLong(), n.get("taskId").asLong(),
                    n.get("done").asBoolean(), n.path("author").asText());
            case "comment" -> new Edit.AddComment(n.get("imageId").asLong(),
                    n.hasNonNull("boxId") ? n.get("boxId").asLong() : null, n.path("author").asText(),
                    n.get("text").asText(), n.get("at").asLong());
            case "verdict" -> new Edit.Verdict(n.get("stageId").asLong(), n.get("imageId").asLong(),
                    ReviewStatus.valueOf(n.get("verdict").asText()), n.path("reviewer").asText());
            default -> throw new IllegalArgumentException("unknown kind '" + kind
                    + "' (expected update, restore, delete, done, comment or verdict)");
        };
    }

    /** NaN (no score, no area) is left out. */
    private static ObjectNode box(Box b) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", b.id()).put("imageId", b.imageId()).put("taskId", b.taskId()).put("labelId", b.labelId())
                .put("x", b.x()).put("y", b.y()).put("w", b.w()).put("h", b.h()).put("source", b.source().name())
                .put("status", b.status().name()).put("author", b.author())
                .put("createdAt", b.createdAt().toEpochMilli()).put("updatedAt", b.updatedAt().toEpochMilli())
                .put("crowd", b.crowd()).put("origin", b.origin().name()).put("flags", b.flags())
                .put("version", b.version());
        if (!Double.isNaN(b.score())) {
            n.put("score", b.score());
        }
        if (!Double.isNaN(b.area())) {
            n.put("area", b.area());
        }
        return n;
    }

    private static Box box(JsonNode n) {
        return new Box(n.get("id").asLong(), n.get("imageId").asLong(), n.get("taskId").asLong(),
                n.get("labelId").asLong(), n.get("x").asDouble(), n.get("y").asDouble(), n.get("w").asDouble(),
                n.get("h").asDouble(), Source.valueOf(n.get("source").asText()),
                n.has("score") ? n.get("score").asDouble() : Double.NaN, ReviewStatus.valueOf(n.get("status").asText()),
                n.path("author").asText(), Instant.ofEpochMilli(n.get("createdAt").asLong()),
                Instant.ofEpochMilli(n.get("updatedAt").asLong()), n.get("crowd").asBoolean(),
                Source.valueOf(n.get("origin").asText()), n.has("area") ? n.get("area").asDouble() : Double.NaN,
                n.get("flags").asInt(), n.get("version").asLong());
    }
}
