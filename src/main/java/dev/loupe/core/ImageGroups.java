package dev.loupe.core;

import java.util.HashMap;
import java.util.Map;

/** Images joined into groups (near-twins, say); a group is named by its smallest image id. */
public final class ImageGroups {
    private final Map<Long, Long> parent = new HashMap<>();

    public void join(long a, long b) {
        long ra = find(a);
        long rb = find(b);
        if (ra != rb) {
            parent.put(Math.max(ra, rb), Math.min(ra, rb));
        }
    }

    /** The name of the image's group (the image itself when it joined none). */
    public long find(long id) {
        long root = id;
        while (parent.containsKey(root)) {
            root = parent.get(root);
        }
        for (long at = id; at != root; ) { // shorten the path for the next look-up
            long next = parent.get(at);
            parent.put(at, root);
            at = next;
        }
        return root;
    }

    /** The group's name of every image joined to a smaller one. */
    public Map<Long, Long> names() {
        Map<Long, Long> out = new HashMap<>();
        for (long id : parent.keySet().stream().mapToLong(Long::longValue).toArray()) {
            out.put(id, find(id));
        }
        return out;
    }
}
