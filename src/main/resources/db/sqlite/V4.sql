-- Version 4: where an edited box came from (a corrected prediction becomes HUMAN and keeps MODEL here),
-- and whether a reviewer marked an image done.
ALTER TABLE boxes ADD COLUMN origin TEXT CHECK (origin IS NULL OR origin IN ('HUMAN', 'MODEL', 'AUGMENTED'));

CREATE TABLE image_reviews (
    image_id   INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    task_id    INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    done       INTEGER NOT NULL CHECK (done IN (0, 1)),
    author     TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (image_id, task_id)
) WITHOUT ROWID;
