package dev.loupe.suspects;

import dev.loupe.core.Box;
import dev.loupe.core.ReviewStatus;
import dev.loupe.review.Rect;
import dev.loupe.review.ReviewSession;

import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Takes the model's word for a likely mistake, as one undoable edit of the review session: the missing box is drawn
 * where the model sees it, a false or duplicate box is rejected, a wrong label becomes the model's, a poorly fitting
 * box takes the model's outline.
 */
public final class SuspectFix {

    private SuspectFix() {
    }

    /**
     * Applies the fix on the session's image; {@code labelId} gives a label name's id (creating the label when
     * needed). Returns what was done, or empty when the box is gone or already as the model has it.
     */
    public static Optional<String> apply(ReviewSession session, Suspect s, ToLongFunction<String> labelId) {
        if (s.imageId() != session.image().id()) {
            throw new IllegalArgumentException("the suspect is on image " + s.imageId() + ", the session shows "
                    + session.image().id());
        }
        if (s.kind() == SuspectKind.MISSING_BOX) {
            session.add(labelId.applyAsLong(s.model().label()), new Rect(s.x(), s.y(), s.w(), s.h()));
            return Optional.of("Added the " + s.model().label() + " the model sees there");
        }
        Optional<Box> box = session.box(s.boxId());
        if (box.isEmpty()) {
            return Optional.empty();
        }
        Box b = box.get();
        return switch (s.kind()) {
            case FALSE_BOX, DUPLICATE -> {
                if (b.status() == ReviewStatus.REJECTED) {
                    yield Optional.empty();
                }
                session.setStatus(b.id(), ReviewStatus.REJECTED);
                yield Optional.of("Rejected the " + (s.kind() == SuspectKind.DUPLICATE ? "second " : "") + s.label()
                        + " box");
            }
            case WRONG_LABEL -> {
                long to = labelId.applyAsLong(s.model().label());
                if (b.labelId() == to) {
                    yield Optional.empty();
                }
                session.relabel(b.id(), to);
                yield Optional.of("Relabelled the " + s.label() + " as " + s.model().label());
            }
            case POOR_FIT -> {
                Suspect.Prediction m = s.model();
                session.reshape(b.id(), new Rect(m.x(), m.y(), m.w(), m.h()));
                yield Optional.of("Fitted the " + s.label() + " box to the model's outline");
            }
            case MISSING_BOX -> throw new AssertionError("handled above");
        };
    }
}
