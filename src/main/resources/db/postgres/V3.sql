-- Version 3: every change of a box is announced on channel loupe_changes with its image's id, so the desktops that
-- show that image redraw it at once (PostgreSQL delivers the notifications when the change commits, one per image
-- and transaction).
CREATE FUNCTION loupe_notify_box_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('loupe_changes', (CASE WHEN TG_OP = 'DELETE' THEN OLD.image_id ELSE NEW.image_id END)::TEXT);
    RETURN NULL;
END
$$;
CREATE TRIGGER boxes_notify AFTER INSERT OR UPDATE OR DELETE ON boxes
    FOR EACH ROW EXECUTE FUNCTION loupe_notify_box_change();
