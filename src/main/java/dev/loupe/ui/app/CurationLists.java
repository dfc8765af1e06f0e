package dev.loupe.ui.app;

import dev.loupe.core.ImageGroups;
import dev.loupe.core.NearDuplicate;
import dev.loupe.core.Split;
import dev.loupe.duplicates.DuplicatesJob;
import dev.loupe.duplicates.DuplicatesReport;
import dev.loupe.eval.EvalSources;
import dev.loupe.project.Project;
import dev.loupe.rank.RankJob;
import dev.loupe.rank.RankedImage;
import dev.loupe.rank.UnlabelledImages;
import dev.loupe.suspects.Suspect;
import dev.loupe.suspects.SuspectConfig;
import dev.loupe.suspects.SuspectKind;
import dev.loupe.suspects.SuspectsJob;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The gallery's curation lists, each found by a job over the selected dataset: likely mistakes in a task's boxes
 * (the images most likely wrong first), the images to label next (the most worth it first) and near-duplicate images
 * (each group of twins side by side).
 */
public final class CurationLists {
    private final MainViewModel vm;
    /** The likely mistakes of the list the gallery shows, while it shows them. */
    private Listed listed;

    /** Likely mistakes in the boxes of a task, as listed in the gallery ({@code ids}). */
    public record Listed(long[] ids, long taskId, List<Suspect> suspects) {
    }

    /** A list for the gallery, in its order, and what it is. */
    private record Found(long[] ids, String description) {
    }

    /** How many images the "label next" list shows at most. */
    static final int RANKED = 1000;

    CurationLists(MainViewModel vm) {
        this.vm = vm;
    }

    /** Checks a task's boxes against a model's predictions; the gallery lists the images, most likely wrong first. */
    public void findSuspects(String task, String model, Path modelsDir) {
        Project p = vm.projectProperty().get();
        DatasetEntry ds = vm.selectedDatasetProperty().get();
        if (p == null || ds == null) {
            return;
        }
        String dataset = ds.dataset().name();
        vm.jobs().submit("Suspects in " + task, ctx -> {
            ctx.message("predictions of " + model);
            var predictions = EvalSources.read(p.store(), dataset, EvalSources.MODEL_PREFIX + model, modelsDir, null, ctx);
            List<Suspect> found = new SuspectsJob(p.store(), dataset, task, predictions, SuspectConfig.defaults())
                    .run(ctx);
            return new Listed(imagesInOrder(found), p.store().requireTask(task).id(), found);
        }, found -> {
            vm.showList(found.ids(), describe(found.suspects(), found.ids().length, task, model));
            listed = found;
        });
    }

    /** The likely mistakes behind the gallery's list when it shows them ({@code galleryIds}), for review to walk. */
    public Optional<Listed> suspectsListed(long[] galleryIds) {
        return listed != null && listed.ids() == galleryIds ? Optional.of(listed) : Optional.empty();
    }

    /**
     * Ranks the images still to label in a task (every image without one) by what labelling them would teach the
     * model; the gallery lists the first {@value #RANKED} of them, best first.
     */
    public void findImagesToLabel(String task, String model, Path modelsDir) {
        Project p = vm.projectProperty().get();
        DatasetEntry ds = vm.selectedDatasetProperty().get();
        if (p == null || ds == null) {
            return;
        }
        String dataset = ds.dataset().name();
        vm.jobs().submit("Images to label next", ctx -> {
            Set<Long> candidates = UnlabelledImages.of(p.store(), dataset, task);
            List<RankedImage> ranked = new RankJob(p.store(), new RankJob.Request(dataset, candidates, model,
                    modelsDir, RANKED, RankJob.DEFAULT_DIVERSITY)).run(ctx);
            return new Found(ranked.stream().mapToLong(RankedImage::imageId).toArray(),
                    String.format("%,d images to label%s ranked by %s: least sure first, spread over kinds of scene "
                            + "(of %,d)", ranked.size(), task == null ? "" : " in " + task, model, candidates.size()));
        }, found -> vm.showList(found.ids(), found.description()));
    }

    /** Finds and stores the dataset's near-duplicates; the gallery lists them, each group's images together. */
    public void findNearDuplicates() {
        Project p = vm.projectProperty().get();
        DatasetEntry ds = vm.selectedDatasetProperty().get();
        if (p == null || ds == null) {
            return;
        }
        vm.jobs().submit("Near-duplicates in " + ds.dataset().name(), ctx -> {
            DuplicatesReport report = new DuplicatesJob(p.store(), ds.dataset().name(),
                    DuplicatesJob.DEFAULT_THRESHOLD).run(ctx);
            long[] ids = groupsInOrder(report.pairs());
            return new Found(ids, describe(report.pairs(), ids.length, p.store().split(ds.dataset().id())));
        }, found -> vm.showList(found.ids(), found.description()));
    }

    static long[] imagesInOrder(List<Suspect> suspects) {
        Set<Long> out = new LinkedHashSet<>();
        suspects.forEach(s -> out.add(s.imageId()));
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** The images of every group of near-duplicates, groups in the order of their most alike pair. */
    static long[] groupsInOrder(List<NearDuplicate> pairs) {
        ImageGroups groups = new ImageGroups();
        pairs.forEach(d -> groups.join(d.imageA(), d.imageB()));
        Map<Long, Set<Long>> members = new TreeMap<>();
        for (NearDuplicate d : pairs) {
            members.computeIfAbsent(groups.find(d.imageA()), k -> new TreeSet<>()).add(d.imageA());
            members.get(groups.find(d.imageA())).add(d.imageB());
        }
        Set<Long> out = new LinkedHashSet<>();
        pairs.forEach(d -> out.addAll(members.get(groups.find(d.imageA()))));
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static String describe(List<Suspect> suspects, int images, String task, String model) {
        Map<SuspectKind, Integer> byKind = new EnumMap<>(SuspectKind.class);
        suspects.forEach(s -> byKind.merge(s.kind(), 1, Integer::sum));
        String kinds = byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name()
                .toLowerCase(Locale.ROOT).replace('_', ' ')).collect(Collectors.joining(", "));
        return String.format("%,d likely mistakes in %s by %s on %,d images, most likely first%s", suspects.size(), task,
                model, images, kinds.isEmpty() ? "" : " (" + kinds + ")");
    }

    private static String describe(List<NearDuplicate> pairs, int images, Map<Long, Split> sides) {
        long parted = pairs.stream().filter(d -> sides.containsKey(d.imageA()) && sides.containsKey(d.imageB())
                && sides.get(d.imageA()) != sides.get(d.imageB())).count();
        return String.format("%,d near-duplicate pairs among %,d images, twins side by side%s", pairs.size(), images,
                parted == 0 ? "" : String.format(" · %,d pairs on different sides of the split: split again", parted));
    }
}
