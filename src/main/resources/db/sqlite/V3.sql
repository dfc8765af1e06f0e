-- Version 3: which images a model version has already run on for a task, so pre-annotation resumes.
CREATE TABLE inference_runs (
    task_id    INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    model_key  TEXT NOT NULL,
    image_id   INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    done_at    INTEGER NOT NULL,
    PRIMARY KEY (task_id, model_key, image_id)
) WITHOUT ROWID;
