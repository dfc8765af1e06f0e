package dev.loupe.ui.review;

import dev.loupe.review.ReviewSession;
import dev.loupe.suspects.Suspect;
import dev.loupe.suspects.SuspectFix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The likely mistakes a review walks through: on each image of their task the likeliest one not yet dealt with is
 * shown with the model's box beside it; the reviewer takes the model's fix or passes it over.
 */
final class ReviewSuspects {
    private final long taskId;
    private final Map<Long, List<Suspect>> open = new HashMap<>();
    private Suspect current;

    /** @param suspects best first, of the boxes of task {@code taskId} */
    ReviewSuspects(List<Suspect> suspects, long taskId) {
        this.taskId = taskId;
        suspects.forEach(s -> open.computeIfAbsent(s.imageId(), k -> new ArrayList<>()).add(s));
    }

    /** Picks the likeliest open mistake of the session's image (none on another task's boxes) and returns it. */
    Suspect show(ReviewSession session) {
        List<Suspect> here = session.taskId() == taskId ? open.getOrDefault(session.image().id(), List.of()) : List.of();
        current = here.isEmpty() ? null : here.get(0);
        return current;
    }

    /** Takes the model's fix for the shown mistake (there must be one) and shows the next one; says what was done. */
    String fix(ReviewSession session, ToLongFunction<String> labelId) {
        String done = SuspectFix.apply(session, current, labelId).orElse("Nothing to change: the box was already edited");
        pass(session);
        return done;
    }

    /** Leaves the shown mistake as it is (the reviewer disagrees with the model) and shows the next one. */
    void pass(ReviewSession session) {
        Suspect s = current;
        if (s != null) {
            open.get(s.imageId()).remove(s);
            show(session);
        }
    }

    /** How many mistakes are still open on the image. */
    int openOn(long imageId) {
        return open.getOrDefault(imageId, List.of()).size();
    }
}
