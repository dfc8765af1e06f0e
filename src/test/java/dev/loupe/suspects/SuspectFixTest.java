package dev.loupe.suspects;

import dev.loupe.consensus.Shape;
import dev.loupe.core.Box;
import dev.loupe.core.NewBox;
import dev.loupe.core.NewImage;
import dev.loupe.core.ReviewStatus;
import dev.loupe.core.Source;
import dev.loupe.project.Project;
import dev.loupe.review.ReviewSession;
import dev.loupe.store.ProjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of suspect, found by the finder on stored boxes, fixed through a review session, and undone. */
class SuspectFixTest {
    @TempDir
    Path tmp;

    @Test
    void eachFixIsOneUndoableEditThatDoesWhatTheModelSays() {
        try (Project p = Project.create(tmp.resolve("p"))) {
            ProjectStore store = p.store();
            long ds = store.createDataset("d").id();
            long image = store.addImages(ds, List.of(new NewImage("/x/street.jpg", null, "street.jpg", 1000, 800, 1,
                    "%064x".formatted(1), 1)))[0];
            long task = store.task("gt", "").id();
            long dog = store.label("dog").id();
            long person = store.label("person").id();
            long[] ids = store.addBoxes(List.of(
                    box(image, task, dog, 10, 10, 300, 200),        // the model sees a bus there
                    box(image, task, person, 700, 600, 120, 150),   // the model sees nothing there
                    box(image, task, person, 400, 100, 100, 300)));  // the model's person sits 120 px lower
            List<Shape> labelled = List.of(shape(ids[0], "dog", 10, 10, 300, 200), shape(ids[1], "person", 700, 600,
                    120, 150), shape(ids[2], "person", 400, 100, 100, 300));
            List<Shape> predicted = List.of(new Shape(1, 0, "bus", 12, 10, 300, 200, 0.95),
                    new Shape(1, 0, "person", 400, 220, 100, 300, 0.9), new Shape(1, 0, "person", 550, 50, 150, 380, 0.85));
            Map<SuspectKind, Suspect> found = SuspectFinder.find(image, labelled, predicted, SuspectConfig.defaults())
                    .stream().collect(Collectors.toMap(Suspect::kind, Function.identity()));
            assertEquals(List.of(SuspectKind.MISSING_BOX, SuspectKind.FALSE_BOX, SuspectKind.WRONG_LABEL,
                    SuspectKind.POOR_FIT), found.keySet().stream().sorted().toList(), found.toString());

            ReviewSession session = new ReviewSession(store, new long[]{image}, 0, task, "ann");
            List<Box> before = sorted(store.boxes(image));
            for (Suspect s : found.values()) {
                assertTrue(SuspectFix.apply(session, s, name -> store.label(name).id()).isPresent(), s.toString());
            }
            Map<Long, Box> after = store.boxes(image).stream().collect(Collectors.toMap(Box::id, Function.identity()));
            assertEquals(store.label("bus").id(), after.get(ids[0]).labelId(), "relabelled as the model says");
            assertEquals(ReviewStatus.REJECTED, after.get(ids[1]).status(), "the false box rejected, not deleted");
            assertEquals(220, after.get(ids[2]).y(), 1e-9, "refitted to the model's outline");
            Box added = after.values().stream().filter(b -> b.id() > ids[2]).findFirst().orElseThrow();
            assertEquals(List.of(550.0, 50.0, 150.0, 380.0), List.of(added.x(), added.y(), added.w(), added.h()));
            assertEquals(person, added.labelId());
            assertEquals(Source.HUMAN, added.source(), "a reviewer took it: no longer a guess");
            assertTrue(SuspectFix.apply(session, found.get(SuspectKind.FALSE_BOX), name -> store.label(name).id())
                    .isEmpty(), "a fix already made is not made twice");

            for (int i = 0; i < 4; i++) {
                assertTrue(session.undo());
            }
            List<Box> undone = sorted(store.boxes(image));
            assertEquals(before.size(), undone.size());
            for (int i = 0; i < before.size(); i++) {
                Box a = before.get(i);
                Box b = undone.get(i);
                assertEquals(List.of(a.labelId(), a.status(), a.x(), a.y(), a.w(), a.h()),
                        List.of(b.labelId(), b.status(), b.x(), b.y(), b.w(), b.h()), "box " + a.id() + " as it was");
            }
        }
    }

    private static NewBox box(long image, long task, long label, double x, double y, double w, double h) {
        return new NewBox(image, task, label, x, y, w, h, Source.HUMAN, Double.NaN, ReviewStatus.PENDING, "ann");
    }

    private static Shape shape(long id, String label, double x, double y, double w, double h) {
        return new Shape(0, id, label, x, y, w, h, Double.NaN);
    }

    private static List<Box> sorted(List<Box> boxes) {
        return boxes.stream().sorted(Comparator.comparingLong(Box::id)).toList();
    }
}
