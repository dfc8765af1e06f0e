package dev.loupe.formats;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * A 64-bit fingerprint of the boxes an annotation file gives one image (labels, coordinates, scores, crowd flags,
 * in file order, and whether they come in as predictions): the same file imported twice gives the same value.
 */
final class BoxSetHash {

    private BoxSetHash() {
    }

    static long of(List<PlacedBox> boxes, boolean asPredictions) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        ByteBuffer numbers = ByteBuffer.allocate(5 * Double.BYTES + 2);
        sha.update((byte) (asPredictions ? 1 : 0));
        for (PlacedBox p : boxes) {
            sha.update(p.label().getBytes(StandardCharsets.UTF_8));
            numbers.clear();
            numbers.put((byte) 0).putDouble(p.x()).putDouble(p.y()).putDouble(p.w()).putDouble(p.h())
                    .putDouble(p.score()).put((byte) (p.crowd() ? 1 : 0));
            sha.update(numbers.array());
        }
        return ByteBuffer.wrap(sha.digest()).getLong();
    }
}
