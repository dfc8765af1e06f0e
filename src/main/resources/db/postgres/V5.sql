-- Version 5: images on the server. A team project keeps each image's bytes here (content-addressed, in chunks of at
-- most a mebibyte, so neither side ever holds a whole file in memory) and the gallery's previews beside them, unless
-- its admin chose a shared folder that every desktop reads. A project that already holds images was made with the
-- shared folder and keeps it; a new one stores them here.
CREATE TABLE project_settings (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
INSERT INTO project_settings (name, value)
    SELECT 'image_storage', CASE WHEN EXISTS (SELECT 1 FROM images) THEN 'shared-folder' ELSE 'server' END;

-- a blob row is written last, in the chunks' transaction: its presence means every chunk is there
CREATE TABLE image_blobs (
    content_hash  TEXT PRIMARY KEY,
    byte_size     BIGINT NOT NULL CHECK (byte_size >= 0),
    chunks        INTEGER NOT NULL CHECK (chunks >= 0)
);
CREATE TABLE image_chunks (
    content_hash  TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    data          BYTEA NOT NULL,
    PRIMARY KEY (content_hash, seq)
);
-- JPEG and PNG are compressed already: no second try at it on every write
ALTER TABLE image_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

-- previews are derived from the bytes, so whoever makes one first may store it for everyone
CREATE TABLE image_thumbnails (
    content_hash  TEXT NOT NULL,
    max_side      INTEGER NOT NULL,
    jpeg          BYTEA NOT NULL,
    PRIMARY KEY (content_hash, max_side)
);

GRANT SELECT ON project_settings, image_blobs, image_chunks, image_thumbnails
    TO loupe_annotator, loupe_reviewer, loupe_admin;
GRANT INSERT, UPDATE, DELETE ON project_settings, image_blobs, image_chunks, image_thumbnails TO loupe_admin;
GRANT INSERT ON image_thumbnails TO loupe_annotator, loupe_reviewer;

-- the gallery's filters on two box conditions at once (say, the model's boxes that were rejected)
CREATE INDEX boxes_by_status_source ON boxes(status, source, image_id);
