-- Version 12: files an import skipped as byte-identical duplicates of an image already in the dataset, so that
-- annotations naming such a file reach the image that was kept.
CREATE TABLE image_aliases (
    dataset_id     INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    path           TEXT NOT NULL,
    relative_path  TEXT NOT NULL,
    image_id       INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    PRIMARY KEY (dataset_id, path)
) WITHOUT ROWID;

-- Flags a box's file gave it beyond crowd: bit 1 difficult, bit 2 truncated (Pascal VOC), written back on export.
ALTER TABLE boxes ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;

-- The COCO category id a label first came with, so a COCO export writes the dataset's own ids back.
ALTER TABLE labels ADD COLUMN coco_id INTEGER;
