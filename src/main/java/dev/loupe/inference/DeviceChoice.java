package dev.loupe.inference;

/**
 * Chooses where a detector runs. A GPU is used when one is present and ONNX Runtime has its CUDA provider
 * (the onnxruntime_gpu package); otherwise the CPU. {@code LOUPE_DEVICE=cpu} or {@code gpu} forces a choice.
 */
public final class DeviceChoice {
    public static final String VARIABLE = "LOUPE_DEVICE";

    public enum Kind { CPU, GPU }

    private DeviceChoice() {
    }

    public static Kind choose(String requested, int gpuCount, boolean cudaProvider) throws ModelException {
        if (requested != null && !requested.isBlank()) {
            switch (requested.trim().toLowerCase()) {
                case "cpu" -> {
                    return Kind.CPU;
                }
                case "gpu", "cuda" -> {
                    if (gpuCount == 0 || !cudaProvider) {
                        throw new ModelException(VARIABLE + "=" + requested + " but " + (gpuCount == 0
                                ? "no GPU is visible" : "ONNX Runtime has no CUDA provider (install onnxruntime_gpu)"));
                    }
                    return Kind.GPU;
                }
                default -> throw new ModelException(VARIABLE + " is '" + requested + "' (expected cpu or gpu)");
            }
        }
        return gpuCount > 0 && cudaProvider ? Kind.GPU : Kind.CPU;
    }
}
