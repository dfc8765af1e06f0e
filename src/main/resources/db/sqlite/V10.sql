-- Version 10: the dataset's train / validation / test split, one row per image (an augmented copy always on the
-- side of the image it was made from).
CREATE TABLE image_splits (
    image_id  INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,
    split     TEXT NOT NULL CHECK (split IN ('TRAIN', 'VALIDATION', 'TEST'))
);
