package dev.loupe.store;

import dev.loupe.core.Box;
import dev.loupe.core.Comment;
import dev.loupe.core.Dataset;
import dev.loupe.core.ImageItem;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Maps result rows to core records; the column lists here and the SELECTs that use them go together. */
final class SqlRows {
    static final String IMAGE_COLUMNS = "i.id, i.dataset_id, i.path, i.url, i.relative_path, i.width, i.height, "
            + "i.orientation, i.content_hash, i.byte_size, i.imported_at, i.video_id, i.frame_index";
    static final String BOX_COLUMNS = "b.id, b.image_id, b.task_id, b.label_id, b.x, b.y, b.w, b.h, b.source, "
            + "b.score, b.status, b.author, b.created_at, b.updated_at, b.crowd, b.origin, b.area, b.flags, b.version";

    private SqlRows() {
    }

    static ImageItem image(ResultSet rs) throws SQLException {
        return new ImageItem(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getString(9), rs.getLong(10),
                Instant.ofEpochMilli(rs.getLong(11)), rs.getLong(12), frameIndex(rs.getObject(13)));
    }

    private static int frameIndex(Object column) {
        return column == null ? -1 : ((Number) column).intValue();
    }

    static Box box(ResultSet rs) throws SQLException {
        double score = rs.getDouble(10);
        if (rs.wasNull()) {
            score = Double.NaN;
        }
        double area = rs.getDouble(17);
        if (rs.wasNull()) {
            area = Double.NaN;
        }
        return new Box(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getDouble(5),
                rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), Source.valueOf(rs.getString(9)), score,
                ReviewStatus.valueOf(rs.getString(11)), rs.getString(12), Instant.ofEpochMilli(rs.getLong(13)),
                Instant.ofEpochMilli(rs.getLong(14)), rs.getInt(15) != 0,
                rs.getString(16) == null ? null : Source.valueOf(rs.getString(16)), area, rs.getInt(18), rs.getLong(19));
    }

    static Dataset dataset(ResultSet rs) throws SQLException {
        return new Dataset(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)));
    }

    static Comment comment(ResultSet rs) throws SQLException {
        long box = rs.getLong(3);
        Long boxId = rs.wasNull() ? null : box; // wasNull refers to the last column read: ask right away
        return new Comment(rs.getLong(1), rs.getLong(2), boxId, rs.getString(4),
                rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)));
    }
}
