package dev.loupe.consensus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One image's consensus. Agreement: every two annotators' boxes of each label matched one to one (IoU at least the
 * threshold). Merged truth: the annotators' boxes grouped into objects whatever their labels (each annotator's boxes
 * matched in turn against the groups so far, by the groups' mean boxes, so a group holds at most one box per
 * annotator), groups found by fewer than the quorum dropped, the rest fused into one box with the most common
 * label. A label tie goes to the label whose boxes overlap the fused box most, then to the first by name.
 */
public final class ImageConsensus {

    /** The image's agreement (its pairs summed) and merged boxes, and how many groups fell short of the quorum. */
    public record Outcome(Tally agreement, List<MergedBox> merged, int belowQuorum) {
    }

    private ImageConsensus() {
    }

    /** Computes the image's consensus from each annotator's boxes (index = annotator), adding its pairs to the table. */
    public static Outcome of(List<List<Shape>> byAnnotator, ConsensusConfig config, AgreementTable table) {
        Tally image = Tally.NONE;
        List<Map<String, List<Shape>>> byLabel = new ArrayList<>();
        for (List<Shape> boxes : byAnnotator) {
            byLabel.add(byLabel(boxes));
        }
        for (int i = 0; i < byAnnotator.size(); i++) {
            for (int j = i + 1; j < byAnnotator.size(); j++) {
                TreeSet<String> labels = new TreeSet<>(byLabel.get(i).keySet());
                labels.addAll(byLabel.get(j).keySet());
                for (String label : labels) {
                    List<Shape> a = byLabel.get(i).getOrDefault(label, List.of());
                    List<Shape> b = byLabel.get(j).getOrDefault(label, List.of());
                    double iouSum = 0;
                    List<Overlap.Pair> pairs = Overlap.match(a, b, config.iouThreshold());
                    for (Overlap.Pair p : pairs) {
                        iouSum += p.iou();
                    }
                    Tally t = new Tally(pairs.size(), a.size() + b.size(), iouSum);
                    table.add(i, j, label, t);
                    image = image.plus(t);
                }
            }
        }
        List<MergedBox> merged = new ArrayList<>();
        int below = 0;
        for (Group g : groups(byAnnotator, config.iouThreshold())) {
            if (g.members.size() >= config.quorum()) {
                merged.add(g.fuse(config.fusion(), byAnnotator.size()));
            } else {
                below++;
            }
        }
        return new Outcome(image, merged, below);
    }

    /** Each side's boxes against the truth, per label. */
    public static Map<String, TruthTally> againstTruth(List<Shape> boxes, List<Shape> truth, double iouThreshold) {
        Map<String, List<Shape>> mine = byLabel(boxes);
        Map<String, List<Shape>> known = byLabel(truth);
        TreeSet<String> labels = new TreeSet<>(mine.keySet());
        labels.addAll(known.keySet());
        Map<String, TruthTally> out = new TreeMap<>();
        for (String label : labels) {
            List<Shape> a = mine.getOrDefault(label, List.of());
            List<Shape> t = known.getOrDefault(label, List.of());
            double iouSum = 0;
            List<Overlap.Pair> pairs = Overlap.match(a, t, iouThreshold);
            for (Overlap.Pair p : pairs) {
                iouSum += p.iou();
            }
            out.put(label, new TruthTally(pairs.size(), a.size(), t.size(), iouSum));
        }
        return out;
    }

    private static Map<String, List<Shape>> byLabel(List<Shape> boxes) {
        Map<String, List<Shape>> out = new HashMap<>();
        for (Shape s : boxes) {
            out.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    static List<Group> groups(List<List<Shape>> byAnnotator, double iouThreshold) {
        List<Group> groups = new ArrayList<>();
        for (List<Shape> boxes : byAnnotator) {
            List<Shape> centres = groups.stream().map(Group::centre).toList();
            List<Overlap.Pair> pairs = Overlap.match(boxes, centres, iouThreshold);
            boolean[] joined = new boolean[boxes.size()];
            for (Overlap.Pair p : pairs) {
                groups.get(p.b()).members.add(boxes.get(p.a()));
                joined[p.a()] = true;
            }
            for (int i = 0; i < boxes.size(); i++) {
                if (!joined[i]) {
                    groups.add(new Group(boxes.get(i)));
                }
            }
        }
        return groups;
    }

    /** Boxes of different annotators taken for one object. */
    static final class Group {
        final List<Shape> members = new ArrayList<>();

        Group(Shape first) {
            members.add(first);
        }

        /** The members' mean box: what the next annotator's boxes are matched against. */
        Shape centre() {
            return fused(members, ConsensusConfig.Fusion.MEAN);
        }

        MergedBox fuse(ConsensusConfig.Fusion fusion, int annotators) {
            Shape box = fused(members, fusion);
            double support = (double) members.size() / annotators;
            double score = fusion == ConsensusConfig.Fusion.WBF
                    ? support * members.stream().mapToDouble(ImageConsensus::weight).average().orElse(1) : support;
            long[] sources = members.stream().mapToLong(Shape::boxId).toArray();
            return new MergedBox(label(box), box.x(), box.y(), box.w(), box.h(), score, sources);
        }

        /** The most common label; a tie to the label whose boxes overlap the fused box most, then by name. */
        private String label(Shape fused) {
            Map<String, Integer> votes = new TreeMap<>();
            Map<String, Double> overlap = new HashMap<>();
            for (Shape s : members) {
                votes.merge(s.label(), 1, Integer::sum);
                overlap.merge(s.label(), s.iou(fused), Double::sum);
            }
            return votes.keySet().stream().max(Comparator.<String>comparingInt(votes::get)
                    .thenComparingDouble(overlap::get)
                    .thenComparing(Comparator.<String>reverseOrder())).orElseThrow();
        }
    }

    private static double weight(Shape s) {
        return Double.isNaN(s.score()) ? 1.0 : s.score();
    }

    /** Corners averaged, each box weighted by its score under weighted fusion. */
    private static Shape fused(List<Shape> boxes, ConsensusConfig.Fusion fusion) {
        double x1 = 0;
        double y1 = 0;
        double x2 = 0;
        double y2 = 0;
        double total = 0;
        for (Shape s : boxes) {
            double w = fusion == ConsensusConfig.Fusion.WBF ? weight(s) : 1.0;
            x1 += w * s.x();
            y1 += w * s.y();
            x2 += w * (s.x() + s.w());
            y2 += w * (s.y() + s.h());
            total += w;
        }
        x1 /= total;
        y1 /= total;
        x2 /= total;
        y2 /= total;
        return new Shape(-1, 0, "", x1, y1, x2 - x1, y2 - y1, Double.NaN);
    }
}
