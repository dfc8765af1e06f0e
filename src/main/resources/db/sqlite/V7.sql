-- Version 7: custom metadata layers, one value per image and field (a number, or text for categories).
CREATE TABLE image_metadata (
    image_id    INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    field       TEXT NOT NULL,
    num_value   REAL,
    text_value  TEXT,
    PRIMARY KEY (image_id, field)
) WITHOUT ROWID;
CREATE INDEX image_metadata_by_field ON image_metadata(field);
