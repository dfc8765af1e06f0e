-- Version 14: work queues. An image is assigned to one person per piece of work: annotating it in a task (stage_id 0)
-- or judging it in a review stage; assigning it again hands it to someone else.
CREATE TABLE assignments (
    task_id      INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    stage_id     INTEGER NOT NULL DEFAULT 0,
    image_id     INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    assignee     TEXT NOT NULL,
    assigned_by  TEXT NOT NULL DEFAULT '',
    assigned_at  INTEGER NOT NULL,
    PRIMARY KEY (task_id, stage_id, image_id)
);
CREATE INDEX assignments_by_assignee ON assignments(assignee, task_id, stage_id, image_id);
