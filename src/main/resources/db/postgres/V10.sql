-- Version 10: a task's boxes in id order (as the embedded schema's version 19).
CREATE INDEX boxes_by_task_id ON boxes(task_id, id);
