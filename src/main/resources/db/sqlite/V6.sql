-- Version 6: cached metrics. An image's row holds for its content hash; a box's row for its updated_at.
CREATE TABLE image_metrics (
    image_id      INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,
    content_hash  TEXT NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    aspect        REAL NOT NULL,
    mean_r        REAL NOT NULL,
    mean_g        REAL NOT NULL,
    mean_b        REAL NOT NULL,
    gray_mean     REAL NOT NULL,
    gray_std      REAL NOT NULL,
    gray_entropy  REAL NOT NULL,
    sharpness     REAL NOT NULL
);

CREATE TABLE box_metrics (
    box_id         INTEGER PRIMARY KEY REFERENCES boxes(id) ON DELETE CASCADE,
    image_id       INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    box_updated_at INTEGER NOT NULL,
    relative_area  REAL NOT NULL,
    aspect         REAL NOT NULL,
    center_x       REAL NOT NULL,
    center_y       REAL NOT NULL,
    mean_r         REAL NOT NULL,
    mean_g         REAL NOT NULL,
    mean_b         REAL NOT NULL,
    gray_std       REAL NOT NULL,
    gray_entropy   REAL NOT NULL
);
CREATE INDEX box_metrics_by_image ON box_metrics(image_id);
