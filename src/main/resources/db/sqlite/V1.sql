-- Loupe project schema, version 1. Coordinates are display pixels; times are epoch milliseconds.
CREATE TABLE datasets (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);

CREATE TABLE images (
    id            INTEGER PRIMARY KEY,
    dataset_id    INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    path          TEXT NOT NULL,
    url           TEXT,
    relative_path TEXT NOT NULL,
    width         INTEGER NOT NULL CHECK (width > 0),
    height        INTEGER NOT NULL CHECK (height > 0),
    orientation   INTEGER NOT NULL DEFAULT 1 CHECK (orientation BETWEEN 1 AND 8),
    content_hash  TEXT NOT NULL,
    byte_size     INTEGER NOT NULL,
    imported_at   INTEGER NOT NULL,
    UNIQUE (dataset_id, content_hash)
);
-- Keyset pages of a dataset walk this index in id order.
CREATE INDEX images_by_dataset ON images(dataset_id, id);

CREATE TABLE labels (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE
);

CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    description  TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL
);

CREATE TABLE boxes (
    id          INTEGER PRIMARY KEY,
    image_id    INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    task_id     INTEGER NOT NULL REFERENCES tasks(id),
    label_id    INTEGER NOT NULL REFERENCES labels(id),
    x           REAL NOT NULL,
    y           REAL NOT NULL,
    w           REAL NOT NULL CHECK (w > 0),
    h           REAL NOT NULL CHECK (h > 0),
    source      TEXT NOT NULL CHECK (source IN ('HUMAN', 'MODEL', 'AUGMENTED')),
    score       REAL,
    status      TEXT NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED')),
    author      TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
-- One index per gallery filter, each ending in image_id so a filtered page walks images in order.
CREATE INDEX boxes_by_image ON boxes(image_id);
CREATE INDEX boxes_by_status ON boxes(status, image_id);
CREATE INDEX boxes_by_label ON boxes(label_id, image_id);
CREATE INDEX boxes_by_source ON boxes(source, image_id);
CREATE INDEX boxes_by_task ON boxes(task_id, image_id);
CREATE INDEX boxes_by_score ON boxes(score);

CREATE TABLE comments (
    id          INTEGER PRIMARY KEY,
    image_id    INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    box_id      INTEGER REFERENCES boxes(id) ON DELETE CASCADE,
    author      TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX comments_by_image ON comments(image_id);
