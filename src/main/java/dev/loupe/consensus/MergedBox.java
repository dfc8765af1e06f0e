package dev.loupe.consensus;

/**
 * A box of the merged truth: the group's label and fused box, a score saying how sure the group is (the share of
 * annotators who found it, times their mean score under weighted fusion), and the boxes it was made from.
 */
public record MergedBox(String label, double x, double y, double w, double h, double score, long[] sources) {
}
