-- Version 4: work queues. An image is assigned to one person per piece of work: annotating it in a task (stage_id 0)
-- or judging it in a review stage; assigning it again hands it to someone else. Only admins assign; the server
-- records who did.
CREATE TABLE assignments (
    task_id      BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    stage_id     BIGINT NOT NULL DEFAULT 0,
    image_id     BIGINT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    assignee     TEXT NOT NULL,
    assigned_by  TEXT NOT NULL DEFAULT '',
    assigned_at  BIGINT NOT NULL,
    PRIMARY KEY (task_id, stage_id, image_id)
);
CREATE INDEX assignments_by_assignee ON assignments(assignee, task_id, stage_id, image_id);

GRANT SELECT ON assignments TO loupe_annotator, loupe_reviewer, loupe_admin;
GRANT INSERT, UPDATE, DELETE ON assignments TO loupe_admin;

CREATE FUNCTION loupe_assigned_by() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.assigned_by := session_user;
    NEW.assigned_at := loupe_now();
    RETURN NEW;
END
$$;
CREATE TRIGGER assignments_by BEFORE INSERT OR UPDATE ON assignments
    FOR EACH ROW EXECUTE FUNCTION loupe_assigned_by();
