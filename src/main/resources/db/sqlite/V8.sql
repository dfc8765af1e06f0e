-- Version 8: custom metadata of single boxes (keyed by box id), beside the per-image layers of version 7.
CREATE TABLE box_metadata (
    box_id      INTEGER NOT NULL REFERENCES boxes(id) ON DELETE CASCADE,
    field       TEXT NOT NULL,
    num_value   REAL,
    text_value  TEXT,
    PRIMARY KEY (box_id, field)
) WITHOUT ROWID;
