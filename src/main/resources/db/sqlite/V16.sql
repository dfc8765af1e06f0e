-- Version 16: quality control. An image may be given to several people at once (overlap: independent annotations
-- of one image), so an assignment is one person's, finished when that person marks the image done. Honeypots are
-- images with known truth mixed into people's queues; which ones they are is the admin's to know.
CREATE TABLE assignments_v16 (
    task_id      INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    stage_id     INTEGER NOT NULL DEFAULT 0,
    image_id     INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    assignee     TEXT NOT NULL,
    assigned_by  TEXT NOT NULL DEFAULT '',
    assigned_at  INTEGER NOT NULL,
    finished_at  INTEGER,
    PRIMARY KEY (task_id, stage_id, image_id, assignee)
);
INSERT INTO assignments_v16 (task_id, stage_id, image_id, assignee, assigned_by, assigned_at, finished_at)
    SELECT a.task_id, a.stage_id, a.image_id, a.assignee, a.assigned_by, a.assigned_at,
           (SELECT r.updated_at FROM image_reviews r WHERE a.stage_id = 0 AND r.image_id = a.image_id
                AND r.task_id = a.task_id AND r.done = 1)
    FROM assignments a;
DROP TABLE assignments;
ALTER TABLE assignments_v16 RENAME TO assignments;
CREATE INDEX assignments_by_assignee ON assignments(assignee, task_id, stage_id, image_id);
CREATE INDEX assignments_by_image ON assignments(task_id, stage_id, image_id);

CREATE TABLE honeypots (
    task_id        INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    image_id       INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    truth_task_id  INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    planted_at     INTEGER NOT NULL,
    PRIMARY KEY (task_id, image_id)
) WITHOUT ROWID;
