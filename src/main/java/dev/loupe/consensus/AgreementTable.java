package dev.loupe.consensus;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Agreement between annotators summed over images: for every pair of annotators and every label, the matched
 * boxes, the boxes drawn and the matches' overlap. Per annotator, per label and overall figures are sums of it.
 */
public final class AgreementTable {
    private final int annotators;
    private final Map<String, Tally[]> byLabel = new TreeMap<>();

    public AgreementTable(int annotators) {
        this.annotators = annotators;
    }

    public int annotators() {
        return annotators;
    }

    void add(int i, int j, String label, Tally t) {
        Tally[] cells = byLabel.computeIfAbsent(label, k -> new Tally[annotators * annotators]);
        int at = Math.min(i, j) * annotators + Math.max(i, j);
        cells[at] = cells[at] == null ? t : cells[at].plus(t);
    }

    public Set<String> labels() {
        return byLabel.keySet();
    }

    /** Annotator {@code i} against each of the others, all labels. */
    public Tally annotatorVsOthers(int i) {
        Tally sum = Tally.NONE;
        for (int j = 0; j < annotators; j++) {
            if (j != i) {
                sum = sum.plus(pair(i, j));
            }
        }
        return sum;
    }

    /** Two annotators against each other, all labels. */
    public Tally pair(int i, int j) {
        int at = Math.min(i, j) * annotators + Math.max(i, j);
        Tally sum = Tally.NONE;
        for (Tally[] cells : byLabel.values()) {
            if (cells[at] != null) {
                sum = sum.plus(cells[at]);
            }
        }
        return sum;
    }

    /** Every pair of annotators on one label. */
    public Tally label(String label) {
        Tally sum = Tally.NONE;
        for (Tally t : byLabel.getOrDefault(label, new Tally[0])) {
            if (t != null) {
                sum = sum.plus(t);
            }
        }
        return sum;
    }

    public Tally total() {
        Tally sum = Tally.NONE;
        for (String label : byLabel.keySet()) {
            sum = sum.plus(label(label));
        }
        return sum;
    }
}
