-- Version 9: near-duplicate images (as the embedded schema's version 18); finding them is an admin's job.
CREATE TABLE near_duplicates (
    image_a  BIGINT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    image_b  BIGINT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    matched  INTEGER NOT NULL CHECK (matched > 0),
    PRIMARY KEY (image_a, image_b),
    CHECK (image_a < image_b)
);
CREATE INDEX near_duplicates_by_b ON near_duplicates(image_b);
GRANT SELECT ON near_duplicates TO loupe_annotator, loupe_reviewer, loupe_admin;
GRANT INSERT, UPDATE, DELETE ON near_duplicates TO loupe_admin;
