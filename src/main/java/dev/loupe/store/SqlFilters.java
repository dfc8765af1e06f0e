package dev.loupe.store;

import dev.loupe.core.BoxQuery;
import dev.loupe.core.ImageFilter;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** WHERE clauses and their parameters for the store's filtered queries. */
final class SqlFilters {
    private final StringBuilder where = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    private SqlFilters() {
    }

    /** Conditions on the {@code images} table (alias i). */
    static SqlFilters images(ImageFilter f) {
        SqlFilters s = new SqlFilters();
        s.add("i.dataset_id = ?", f.datasetId());
        if (f.clipsAsOne()) {
            s.where.append(" AND (i.frame_index IS NULL OR i.id = (SELECT min(c.id) FROM images c "
                    + "WHERE c.video_id = i.video_id))");
        }
        if (f.filtersBoxes()) {
            SqlFilters box = new SqlFilters();
            box.where.append("b.image_id = i.id");
            box.addIf(f.status() != null, "b.status = ?", f.status() == null ? null : f.status().name());
            box.addIf(f.labelId() != null, "b.label_id = ?", f.labelId());
            box.addIf(f.source() != null, "b.source = ?", f.source() == null ? null : f.source().name());
            s.where.append(" AND EXISTS (SELECT 1 FROM boxes b WHERE ").append(box.where).append(')');
            s.params.addAll(box.params);
        }
        return s;
    }

    /** Conditions on the {@code boxes} table (alias b) joined to {@code images} (alias i). */
    static SqlFilters boxes(BoxQuery q) {
        SqlFilters s = new SqlFilters();
        s.where.append("1 = 1");
        s.addIf(q.datasetId() != null, "i.dataset_id = ?", q.datasetId());
        s.addIf(q.taskId() != null, "b.task_id = ?", q.taskId());
        s.addIf(q.status() != null, "b.status = ?", q.status() == null ? null : q.status().name());
        s.addIf(q.labelId() != null, "b.label_id = ?", q.labelId());
        s.addIf(q.source() != null, "b.source = ?", q.source() == null ? null : q.source().name());
        s.addIf(q.minScore() != null, "b.score >= ?", q.minScore());
        s.addIf(q.maxScore() != null, "b.score <= ?", q.maxScore());
        return s;
    }

    private void add(String condition, Object param) {
        if (where.length() > 0) {
            where.append(" AND ");
        }
        where.append(condition);
        params.add(param);
    }

    private void addIf(boolean present, String condition, Object param) {
        if (present) {
            add(condition, param);
        }
    }

    String where() {
        return where.toString();
    }

    /** Binds the filter's parameters from index 1 on and returns the next free index. */
    int bind(PreparedStatement ps) throws SQLException {
        int i = 1;
        for (Object p : params) {
            ps.setObject(i++, p);
        }
        return i;
    }
}
