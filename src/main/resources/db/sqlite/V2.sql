-- Version 2: crowd regions (COCO iscrowd, KITTI DontCare) are boxes that evaluation ignores.
ALTER TABLE boxes ADD COLUMN crowd INTEGER NOT NULL DEFAULT 0 CHECK (crowd IN (0, 1));
