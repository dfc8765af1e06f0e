-- Version 11: what makes concurrent and repeated writes safe.
-- The boxes an annotation import stored on an image (a hash of that image's boxes in the file), so a re-run of the
-- same import, after a crash or by mistake, skips them instead of storing them twice.
CREATE TABLE imported_box_sets (
    task_id   INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    image_id  INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    box_set   INTEGER NOT NULL,
    PRIMARY KEY (task_id, image_id, box_set)
) WITHOUT ROWID;

-- Jobs writing to the project right now, so a writer kept waiting can say whose job it waits for.
CREATE TABLE running_jobs (
    id          INTEGER PRIMARY KEY,
    job         TEXT NOT NULL,
    host        TEXT NOT NULL,
    pid         INTEGER NOT NULL,
    started_at  INTEGER NOT NULL
);

-- The object's own area when its annotation file gives one (COCO 'area'): COCO's evaluation sizes objects by it.
ALTER TABLE boxes ADD COLUMN area REAL;
