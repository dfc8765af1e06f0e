-- Version 6: consensus. Every box of a merged truth points to the annotators' boxes it was made from; merging is
-- an admin's job, reading where a merged box came from is everyone's.
CREATE TABLE consensus_sources (
    merged_box_id  BIGINT NOT NULL REFERENCES boxes(id) ON DELETE CASCADE,
    source_box_id  BIGINT NOT NULL REFERENCES boxes(id) ON DELETE CASCADE,
    PRIMARY KEY (merged_box_id, source_box_id)
);
CREATE INDEX consensus_by_source ON consensus_sources(source_box_id);
GRANT SELECT ON consensus_sources TO loupe_annotator, loupe_reviewer, loupe_admin;
GRANT INSERT, UPDATE, DELETE ON consensus_sources TO loupe_admin;
