-- Version 5: review stages. A stage samples a share of a task's images; reviewers accept or reject each one.
CREATE TABLE review_stages (
    id             INTEGER PRIMARY KEY,
    task_id        INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    sample_percent REAL NOT NULL CHECK (sample_percent > 0 AND sample_percent <= 100),
    label_id       INTEGER REFERENCES labels(id),
    annotator      TEXT,
    since          INTEGER,
    until          INTEGER,
    seed           INTEGER NOT NULL,
    created_by     TEXT NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    UNIQUE (task_id, name)
);

CREATE TABLE stage_images (
    stage_id   INTEGER NOT NULL REFERENCES review_stages(id) ON DELETE CASCADE,
    image_id   INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    verdict    TEXT CHECK (verdict IS NULL OR verdict IN ('ACCEPTED', 'REJECTED')),
    reviewer   TEXT NOT NULL DEFAULT '',
    decided_at INTEGER,
    PRIMARY KEY (stage_id, image_id)
) WITHOUT ROWID;
