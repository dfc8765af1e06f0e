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

    /** What the person should know, in a line; empty when every edit is on the server. */
    public String summary() {
        String kept = queued == 1 ? "1 edit" : queued + " edits";
        String waiting = queued == 0 ? ""
                : problem != null ? "The server cannot be reached: " + kept + " kept on this computer, sent when it is back."
                : "Sending " + kept + " kept while the server was away…";
        String refusal = refused.isEmpty() ? ""
                : (refused.size() == 1 ? "1 kept edit was" : refused.size() + " kept edits were")
                        + " refused by the server: " + refused.get(refused.size() - 1);
        return (waiting + " " + refusal).strip();
    }
}
