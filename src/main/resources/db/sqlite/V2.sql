-- Version 2: crowd regions (COCO iscrowd, KITTI DontCare) are boxes that evaluation ignores.
ALTER TABLE boxes ADD COLUMN crowd INTEGER NOT NULL DEFAULT 0 CHECK (crowd IN (0, 1));
-- Only predictions carry scores: a partial index keeps imports of human boxes from paying for it.
DROP INDEX boxes_by_score;
CREATE INDEX boxes_by_score ON boxes(score) WHERE score IS NOT NULL;
