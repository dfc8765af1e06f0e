-- Version 19: a task's boxes in id order, as evaluation, suspects and consensus page through them; the index by task
-- and image made each page of a large task scan and sort all of its boxes.
CREATE INDEX boxes_by_task_id ON boxes(task_id, id);
