package dev.loupe.store;

import dev.loupe.core.Box;
import dev.loupe.core.Comment;
import dev.loupe.core.ReviewStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * One write a person makes while reviewing: stored at once, or on a team project whose server is away, kept in the
 * {@link EditOutbox} and sent when it is back. Each can tell whether the database already holds it, so sending one
 * again after the desktop stopped half way stores nothing twice.
 */
sealed interface Edit {

    /** Stores the edit in the running transaction; returns what the caller gets back. */
    Object send(Connection c) throws SQLException;

    /** What the caller is told when the edit is kept for later, as {@link #send} would have told it (nothing by default). */
    default Object assumed() {
        return null;
    }

    /** Whether {@code c}'s database already holds this edit, made by {@code user}. */
    boolean alreadyStored(Connection c, String user) throws SQLException;

    /** What the edit did, for a person reading why it was refused. */
    String describe();

    /** An edit of a box read at {@code box.version()}; refused when someone changed the box since. */
    record UpdateBox(Box box) implements Edit {
        @Override
        public Object send(Connection c) throws SQLException {
            return SqlBoxes.update(c, box);
        }

        @Override
        public Object assumed() {
            Box next = box.atVersion(box.version() + 1);
            return new Box(next.id(), next.imageId(), next.taskId(), next.labelId(), next.x(), next.y(), next.w(), next.h(),
                    next.source(), next.score(), next.status(), next.author(), next.createdAt(), Instant.now(),
                    next.crowd(), next.origin(), next.area(), next.flags(), next.version());
        }

        @Override
        public boolean alreadyStored(Connection c, String user) throws SQLException {
            Box now = SqlBoxes.byId(c, box.id());
            return now != null && now.version() > box.version() && now.labelId() == box.labelId() && now.x() == box.x()
                    && now.y() == box.y() && now.w() == box.w() && now.h() == box.h() && now.status() == box.status()
                    && now.source() == box.source();
        }

        @Override
        public String describe() {
            return "your edit of box " + box.id() + " on image " + box.imageId();
        }
    }

    /** A box stored under its own id: one drawn (with an id reserved beforehand) or put back by an undo. */
    record RestoreBox(Box box) implements Edit {
        @Override
        public Object send(Connection c) throws SQLException {
            SqlBoxes.restore(c, box);
            return null;
        }

        @Override
        public boolean alreadyStored(Connection c, String user) throws SQLException {
            return SqlBoxes.byId(c, box.id()) != null;
        }

        @Override
        public String describe() {
            return "the box you drew on image " + box.imageId();
        }
    }

    record DeleteBox(long boxId) implements Edit {
        @Override
        public Object send(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM boxes WHERE id = ?")) {
                ps.setLong(1, boxId);
                ps.executeUpdate();
            }
            return null;
        }

        @Override
        public boolean alreadyStored(Connection c, String user) throws SQLException {
            return SqlBoxes.byId(c, boxId) == null;
        }

        @Override
        public String describe() {
            return "your deletion of box " + boxId;
        }
    }

    record ImageDone(long imageId, long taskId, boolean done, String author) implements Edit {
        @Override
        public Object send(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_reviews(image_id, task_id, done, "
                    + "author, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (image_id, task_id) DO UPDATE SET "
                    + "done = excluded.done, author = excluded.author, updated_at = excluded.updated_at")) {
                ps.setLong(1, imageId);
                ps.setLong(2, taskId);
                ps.setInt(3, done ? 1 : 0);
                ps.setString(4, author == null ? "" : author);
                ps.setLong(5, System.currentTimeMillis());
                ps.executeUpdate();
            }
            SqlAssignments.markDone(c, imageId, taskId, done, author);
            return null;
        }

        @Override
        public boolean alreadyStored(Connection c, String user) {
            return false; // storing it again changes nothing
        }

        @Override
        public String describe() {
            return "marking image " + imageId + (done ? " done" : " not done");
        }
    }

    /** A comment; {@code at} is when it was written (epoch ms), which tells a comment already sent from a new one. */
    record AddComment(long imageId, Long boxId, String author, String text, long at) implements Edit {
        @Override
        public Object send(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO comments(image_id, box_id, author, text, created_at) VALUES (?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, imageId);
                ps.setObject(2, boxId);
                ps.setString(3, author == null ? "" : author);
                ps.setString(4, text);
                ps.setLong(5, at);
                ps.executeUpdate();
                return new Comment(SqlSupport.generatedKey(ps), imageId, boxId, author, text, Instant.ofEpochMilli(at));
            }
        }

        @Override
        public Object assumed() {
            return new Comment(0, imageId, boxId, author, text, Instant.ofEpochMilli(at));
        }

        /** A comment with this text by this person on this image since it was written (the server stamps its time). */
        @Override
        public boolean alreadyStored(Connection c, String user) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM comments WHERE image_id = ? AND text = ? "
                    + "AND author = ? AND created_at >= ? AND box_id IS NOT DISTINCT FROM ?")) {
                ps.setLong(1, imageId);
                ps.setString(2, text);
                ps.setString(3, user);
                ps.setLong(4, at - 60_000);
                ps.setObject(5, boxId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        }

        @Override
        public String describe() {
            return "your comment on image " + imageId + " (\"" + text + "\")";
        }
    }

    record Verdict(long stageId, long imageId, ReviewStatus verdict, String reviewer) implements Edit {
        @Override
        public Object send(Connection c) throws SQLException {
            SqlStages.setVerdict(c, stageId, imageId, verdict, reviewer);
            return null;
        }

        @Override
        public boolean alreadyStored(Connection c, String user) {
            return false; // storing it again changes nothing
        }

        @Override
        public String describe() {
            return "your verdict " + verdict + " on image " + imageId + " in review stage " + stageId;
        }
    }
}
