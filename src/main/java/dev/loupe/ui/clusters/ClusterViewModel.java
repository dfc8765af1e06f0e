package dev.loupe.ui.clusters;

import dev.loupe.augment.AugmentJob;
import dev.loupe.augment.AugmentRanges;
import dev.loupe.augment.RebalancePlan;
import dev.loupe.cluster.ClusterJob;
import dev.loupe.cluster.ClusterMembership;
import dev.loupe.cluster.ClusterReport;
import dev.loupe.cluster.ClusterSettings;
import dev.loupe.core.AugmentedImage;
import dev.loupe.core.ClusterRun;
import dev.loupe.core.Label;
import dev.loupe.core.Task;
import dev.loupe.project.Project;
import dev.loupe.ui.common.FxJobs;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The cluster view's state: the dataset's latest clustering run with its report, and the jobs that cluster
 * again and rebalance. Everything long runs as a job; results arrive on the FX thread.
 */
public final class ClusterViewModel {

    /**
     * A stored run, its report and the augmented copies (the red points), with the ids of the copies for the
     * per-point lookups the view makes.
     */
    public record State(ClusterRun run, ClusterReport report, List<AugmentedImage> copies, Set<Long> copyIds) {
        State(ClusterRun run, ClusterReport report, List<AugmentedImage> copies) {
            this(run, report, List.copyOf(copies), copies.stream().map(AugmentedImage::imageId)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet()));
        }
    }

    private final Project project;
    private final String dataset;
    private final long datasetId;
    private final FxJobs jobs;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>();

    public ClusterViewModel(Project project, String dataset, FxJobs jobs, State initial) {
        this.project = project;
        this.dataset = dataset;
        this.datasetId = project.store().requireDataset(dataset).id();
        this.jobs = jobs;
        state.set(initial);
    }

    /** The dataset's latest run, or null when it was never clustered; call off the FX thread. */
    public static State load(Project project, String dataset) {
        long id = project.store().requireDataset(dataset).id();
        return project.store().latestClusterRun(id).map(run -> state(project, id, run, Map.of())).orElse(null);
    }

    private static State state(Project project, long datasetId, ClusterRun run, Map<Integer, Double> silhouette) {
        List<AugmentedImage> augmented = project.store().augmentedImages(datasetId);
        return new State(run, ClusterReport.of(run, augmented, silhouette), augmented);
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public List<String> labels() {
        return project.store().labels().stream().map(Label::name).sorted().toList();
    }

    public List<String> tasks() {
        return project.store().tasks().stream().map(Task::name).toList();
    }

    /** The settings of the current run, or the reference's for this label. */
    public ClusterSettings settings(String label, String task, int k) {
        State s = state.get();
        long seed = s == null ? 1 : ClusterSettings.ofRun(s.run()).seed();
        return ClusterSettings.reference(label, task, seed).withK(k);
    }

    public void cluster(ClusterSettings settings) {
        jobs.submit("Cluster " + dataset, ctx -> {
            ClusterReport r = new ClusterJob(project.store(), dataset, settings).run(ctx);
            ClusterRun run = project.store().latestClusterRun(datasetId).orElseThrow();
            return state(project, datasetId, run, r.silhouetteByK());
        }, state::set);
    }

    /** What rebalancing to {@code target} images per cluster would add (from the loaded state: no store read). */
    public RebalancePlan plan(int target, long seed) {
        State s = state.get();
        return RebalancePlan.make(s.run(), s.copies(), target, seed);
    }

    /** Makes the plan's copies, then clusters again with the same settings so the copies show. */
    public void rebalance(RebalancePlan plan, AugmentRanges ranges, Consumer<AugmentJob.Report> done) {
        ClusterSettings settings = ClusterSettings.ofRun(state.get().run());
        jobs.submit("Augment " + dataset, ctx -> {
            AugmentJob.Report r = new AugmentJob(project.store(), dataset, plan, ranges,
                    project.cacheDir("augmented")).run(ctx);
            ClusterReport report = new ClusterJob(project.store(), dataset, settings).run(ctx);
            ClusterRun run = project.store().latestClusterRun(datasetId).orElseThrow();
            return Map.entry(r, state(project, datasetId, run, report.silhouetteByK()));
        }, result -> {
            state.set(result.getValue());
            done.accept(result.getKey());
        });
    }

    /** The images of one cluster (its originals and the copies made for it), ascending. */
    public long[] imagesOf(int cluster) {
        State s = state.get();
        Set<Long> out = new HashSet<>();
        ClusterMembership.ofImages(s.run().boxes().stream()
                .filter(b -> !s.copyIds().contains(b.imageId())).toList()).forEach((image, c) -> {
                    if (c == cluster) {
                        out.add(image);
                    }
                });
        s.copies().stream().filter(a -> a.cluster() == cluster).forEach(a -> out.add(a.imageId()));
        return out.stream().mapToLong(Long::longValue).sorted().toArray();
    }
}
