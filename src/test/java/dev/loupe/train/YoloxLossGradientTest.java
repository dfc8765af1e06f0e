package dev.loupe.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The loss's gradient does not depend on when the garbage collector runs. DJL's arithmetic with a plain number
 * (x.div(2f)) wraps the number in a tensor over a Java buffer and closes it at once, while autograd keeps that
 * tensor for the backward pass: a collection between the loss and its backward freed the buffer, and training
 * read garbage (gradients of 1e30, then NaN weights; seen as runs that drifted when the machine was busy).
 */
class YoloxLossGradientTest {

    private static float[] gradient(boolean collectBeforeBackward) throws InterruptedException {
        Anchors anchors = new Anchors(416, 416);
        Random random = new Random(7);
        float[] head = new float[anchors.size() * 85];
        for (int i = 0; i < head.length; i++) {
            head[i] = i % 85 < 4 ? (float) random.nextGaussian() : 0.05f + 0.9f * random.nextFloat();
        }
        List<TargetBox> boxes = List.of(new TargetBox(40, 60, 180, 300, 0), new TargetBox(220, 100, 300, 240, 0));
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
            NDArray output = m.create(head, new Shape(anchors.size(), 85));
            output.setRequiresGradient(true);
            List<ByteBuffer> filler = new ArrayList<>();
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                YoloxLoss.Parts parts = YoloxLoss.of(output, anchors, boxes, List.of(), new int[]{0}, 10, m);
                if (collectBeforeBackward) {
                    System.gc();
                    Thread.sleep(50); // the buffers' cleaner runs on its own thread
                    for (int i = 0; i < 2000; i++) { // take the freed memory back and fill it with junk
                        ByteBuffer b = ByteBuffer.allocateDirect(4 + i % 8);
                        while (b.hasRemaining()) {
                            b.put((byte) 0x7f);
                        }
                        filler.add(b);
                    }
                }
                gc.backward(parts.total());
            }
            return output.getGradient().toFloatArray();
        }
    }

    @Test
    void aCollectionBeforeTheBackwardPassChangesNothing() throws Exception {
        float[] quiet = gradient(false);
        for (int run = 0; run < 3; run++) {
            assertArrayEquals(quiet, gradient(true), 0f, "gradient after a collection, run " + run);
        }
    }
}
