-- Version 18: near-duplicate images of a dataset (an augmented copy, a re-shot scene, a crop): pairs with the number of
-- points one similarity map carries from one onto the other. A split keeps a pair on one side.
CREATE TABLE near_duplicates (
    image_a  INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    image_b  INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    matched  INTEGER NOT NULL CHECK (matched > 0),
    PRIMARY KEY (image_a, image_b),
    CHECK (image_a < image_b)
) WITHOUT ROWID;
CREATE INDEX near_duplicates_by_b ON near_duplicates(image_b);
