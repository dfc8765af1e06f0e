package dev.loupe.train.onnx;

/** An ONNX file that cannot be read: names what was expected where. */
public final class OnnxFormatException extends RuntimeException {
    public OnnxFormatException(String message) {
        super(message);
    }
}
