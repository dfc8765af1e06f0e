-- Version 7: quality control. An image may be given to several people at once (overlap), so an assignment is one
-- person's, finished when that person marks the image done (which anyone may record on an assignment; who assigned
-- stays the admin's, set on insert or on handing it to someone else). Honeypots are images with known truth mixed
-- into queues: only admins may see which.
ALTER TABLE assignments DROP CONSTRAINT assignments_pkey;
ALTER TABLE assignments ADD PRIMARY KEY (task_id, stage_id, image_id, assignee);
ALTER TABLE assignments ADD COLUMN finished_at BIGINT;
UPDATE assignments a SET finished_at = r.updated_at FROM image_reviews r
    WHERE a.stage_id = 0 AND r.image_id = a.image_id AND r.task_id = a.task_id AND r.done = 1;
CREATE INDEX assignments_by_image ON assignments(task_id, stage_id, image_id);
GRANT UPDATE (finished_at) ON assignments TO loupe_annotator, loupe_reviewer;
DROP TRIGGER assignments_by ON assignments;
CREATE TRIGGER assignments_by BEFORE INSERT OR UPDATE OF assignee ON assignments
    FOR EACH ROW EXECUTE FUNCTION loupe_assigned_by();

CREATE TABLE honeypots (
    task_id        BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    image_id       BIGINT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    truth_task_id  BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    planted_at     BIGINT NOT NULL,
    PRIMARY KEY (task_id, image_id)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON honeypots TO loupe_admin;
