-- Version 2: who may do what, enforced by the server. Each person logs in as their own role and belongs to one of
-- three group roles (shared by every Loupe project on the server): annotators draw and edit boxes and comment;
-- reviewers accept, reject and judge stage images, but never accept an image they drew boxes on; admins import,
-- delete, split and manage the project. The server, not the client, records who changed a box and when.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'loupe_annotator') THEN
        CREATE ROLE loupe_annotator NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'loupe_reviewer') THEN
        CREATE ROLE loupe_reviewer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'loupe_admin') THEN
        CREATE ROLE loupe_admin NOLOGIN;
    END IF;
END
$$;

GRANT SELECT ON ALL TABLES IN SCHEMA public TO loupe_annotator, loupe_reviewer, loupe_admin;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO loupe_annotator, loupe_reviewer, loupe_admin;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO loupe_admin;

-- annotators: boxes (geometry and label, never their verdict), labels they name, comments
GRANT INSERT, DELETE ON boxes TO loupe_annotator;
GRANT UPDATE (label_id, x, y, w, h, source, origin, author, updated_at, area, flags) ON boxes TO loupe_annotator;
GRANT INSERT ON labels, comments TO loupe_annotator;
-- reviewers: verdicts on boxes and stage images, review marks, stages of their own, comments
GRANT UPDATE (status, author, updated_at) ON boxes TO loupe_reviewer;
GRANT INSERT, UPDATE ON stage_images, review_stages, image_reviews TO loupe_reviewer;
GRANT INSERT ON comments TO loupe_reviewer;
-- every writer registers its running jobs
GRANT INSERT, DELETE ON running_jobs TO loupe_annotator, loupe_reviewer;

-- the server's clock in epoch milliseconds, as every time column holds
CREATE FUNCTION loupe_now() RETURNS BIGINT LANGUAGE sql AS $$
    SELECT (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT
$$;

-- the real author of a box: whoever is logged in, whatever the client says; a verdict changes the reviewer only
CREATE FUNCTION loupe_box_authorship() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.author := session_user;
        NEW.reviewer := '';
        NEW.version := 1;
    ELSE
        IF (NEW.x, NEW.y, NEW.w, NEW.h, NEW.label_id) IS DISTINCT FROM (OLD.x, OLD.y, OLD.w, OLD.h, OLD.label_id) THEN
            NEW.author := session_user;
        ELSE
            NEW.author := OLD.author;
        END IF;
        IF NEW.status IS DISTINCT FROM OLD.status THEN
            NEW.reviewer := session_user;
        ELSE
            NEW.reviewer := OLD.reviewer;
        END IF;
        NEW.version := OLD.version + 1;
        NEW.created_at := OLD.created_at;
    END IF;
    NEW.updated_at := loupe_now();
    RETURN NEW;
END
$$;
CREATE TRIGGER boxes_authorship BEFORE INSERT OR UPDATE ON boxes
    FOR EACH ROW EXECUTE FUNCTION loupe_box_authorship();

CREATE FUNCTION loupe_stage_reviewer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.verdict IS DISTINCT FROM OLD.verdict THEN
        NEW.reviewer := session_user;
        NEW.decided_at := loupe_now();
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER stage_images_reviewer BEFORE UPDATE ON stage_images
    FOR EACH ROW EXECUTE FUNCTION loupe_stage_reviewer();

CREATE FUNCTION loupe_comment_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.author := session_user;
    NEW.created_at := loupe_now();
    RETURN NEW;
END
$$;
CREATE TRIGGER comments_author BEFORE INSERT ON comments
    FOR EACH ROW EXECUTE FUNCTION loupe_comment_author();

-- whether the logged-in person drew any box of the stage's task on the image (an accept of it is refused)
CREATE FUNCTION loupe_annotated_by_me(stage BIGINT, image BIGINT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM boxes b JOIN review_stages s ON s.task_id = b.task_id
                   WHERE s.id = stage AND b.image_id = image AND b.author = session_user)
$$;

ALTER TABLE stage_images ENABLE ROW LEVEL SECURITY;
ALTER TABLE stage_images FORCE ROW LEVEL SECURITY;
CREATE POLICY stage_images_read ON stage_images FOR SELECT USING (true);
CREATE POLICY stage_images_sample ON stage_images FOR INSERT WITH CHECK (true);
CREATE POLICY stage_images_admin_delete ON stage_images FOR DELETE TO loupe_admin USING (true);
CREATE POLICY stage_images_judge ON stage_images FOR UPDATE USING (true)
    WITH CHECK (verdict IS DISTINCT FROM 'ACCEPTED' OR NOT loupe_annotated_by_me(stage_id, image_id));
