-- Version 17: video. A clip belongs to a dataset; the frames imported from it (every one, every k-th, or so many per
-- second) are images of that dataset that point to it and to their frame, decoded from the clip when needed. Tracks
-- follow an object through a clip: key frames, interpolated in between.
CREATE TABLE videos (
    id            INTEGER PRIMARY KEY,
    dataset_id    INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    path          TEXT NOT NULL,
    relative_path TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    width         INTEGER NOT NULL CHECK (width > 0),
    height        INTEGER NOT NULL CHECK (height > 0),
    fps           REAL NOT NULL,
    frames        INTEGER NOT NULL CHECK (frames >= 0),
    duration      REAL NOT NULL,
    codec         TEXT NOT NULL DEFAULT '',
    imported_at   INTEGER NOT NULL,
    UNIQUE (dataset_id, content_hash)
);
ALTER TABLE images ADD COLUMN video_id INTEGER REFERENCES videos(id) ON DELETE CASCADE;
ALTER TABLE images ADD COLUMN frame_index INTEGER;
CREATE INDEX images_by_video ON images(video_id, frame_index);

CREATE TABLE tracks (
    id        INTEGER PRIMARY KEY,
    video_id  INTEGER NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    task_id   INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    label_id  INTEGER NOT NULL REFERENCES labels(id),
    track_no  INTEGER NOT NULL,
    UNIQUE (video_id, task_id, track_no)
);
CREATE TABLE track_keys (
    track_id  INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
    frame     INTEGER NOT NULL,
    x         REAL NOT NULL,
    y         REAL NOT NULL,
    w         REAL NOT NULL,
    h         REAL NOT NULL,
    outside   INTEGER NOT NULL DEFAULT 0 CHECK (outside IN (0, 1)),
    PRIMARY KEY (track_id, frame)
) WITHOUT ROWID;
