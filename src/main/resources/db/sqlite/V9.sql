-- Version 9: clustering runs (a cluster and a 2-d UMAP position per box) and augmented images, each linked to the
-- image it was made from and to the cluster it was made for.
CREATE TABLE cluster_runs (
    id          INTEGER PRIMARY KEY,
    dataset_id  INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    k           INTEGER NOT NULL,
    seed        INTEGER NOT NULL,
    settings    TEXT NOT NULL
);
CREATE INDEX cluster_runs_by_dataset ON cluster_runs(dataset_id);

CREATE TABLE box_clusters (
    run_id   INTEGER NOT NULL REFERENCES cluster_runs(id) ON DELETE CASCADE,
    box_id   INTEGER NOT NULL REFERENCES boxes(id) ON DELETE CASCADE,
    cluster  INTEGER NOT NULL,
    umap_x   REAL,
    umap_y   REAL,
    PRIMARY KEY (run_id, box_id)
) WITHOUT ROWID;

CREATE TABLE augmented_images (
    image_id         INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,
    source_image_id  INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    cluster          INTEGER NOT NULL,
    recipe           TEXT NOT NULL
);
CREATE INDEX augmented_by_source ON augmented_images(source_image_id);
