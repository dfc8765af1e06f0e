package dev.loupe.inference;

/**
 * A model input tensor (CHW floats) and how it maps back to the original image: original = (input - pad) / scale.
 */
public record PreparedImage(float[] tensor, int width, int height, double scaleX, double scaleY, double padX,
                            double padY, int originalWidth, int originalHeight) {
}
