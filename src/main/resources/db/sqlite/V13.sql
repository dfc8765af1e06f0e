-- Version 13: a version on every box, counted by each write, so an edit made on a stale copy is refused instead of
-- silently undoing another person's (team projects carry the same column).
ALTER TABLE boxes ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
