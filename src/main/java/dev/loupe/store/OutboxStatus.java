package dev.loupe.store;

import java.util.List;

/**
 * What a team project's desktop holds for its server.
 *
 * @param queued  edits kept on this computer, to be sent when the server is back (0 on a local project)
 * @param problem why the server cannot be reached now, or null when it can
 * @param refused edits the server refused when they were sent at last (someone changed the box meanwhile, or the
 *                person's role does not allow it), each said in words
 */
public record OutboxStatus(int queued, String problem, List<String> refused) {
    public static final OutboxStatus EMPTY = new OutboxStatus(0, null, List.of());

    public OutboxStatus {
        refused = List.copyOf(refused);
    }
}
