package dev.loupe.consensus;

import java.util.List;

/**
 * What a consensus run found.
 *
 * @param annotators    each annotator's boxes, agreement with the others and (with a truth task) accuracy
 * @param labels        agreement per label, and the merged truth against the truth per label
 * @param merged        the merged truth against the truth task (null without one)
 * @param imageIds      the images, least agreement first
 * @param imageF1       their agreement, in the same order
 * @param mergedBoxes   boxes written to the merged task
 * @param belowQuorum   objects found by too few annotators, left out
 * @param routed        images sent to the review stage ({@code stageId}, 0 when none)
 */
public record ConsensusReport(List<AnnotatorRow> annotators, List<LabelRow> labels, TruthTally merged,
                              long[] imageIds, float[] imageF1, long mergedBoxes, long belowQuorum, int routed,
                              long stageId, double seconds) {

    public record AnnotatorRow(String name, long boxes, Tally vsOthers, TruthTally vsTruth) {
    }

    public record LabelRow(String label, Tally agreement, TruthTally mergedVsTruth) {
    }

    /** All boxes of all annotators against each other: the dataset's agreement. */
    public Tally overall() {
        return labels.stream().map(LabelRow::agreement).reduce(Tally.NONE, Tally::plus);
    }
}
