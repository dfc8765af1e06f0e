-- Version 15: consensus. Every box of a merged truth points to the annotators' boxes it was made from.
CREATE TABLE consensus_sources (
    merged_box_id  INTEGER NOT NULL REFERENCES boxes(id) ON DELETE CASCADE,
    source_box_id  INTEGER NOT NULL REFERENCES boxes(id) ON DELETE CASCADE,
    PRIMARY KEY (merged_box_id, source_box_id)
) WITHOUT ROWID;
CREATE INDEX consensus_by_source ON consensus_sources(source_box_id);
