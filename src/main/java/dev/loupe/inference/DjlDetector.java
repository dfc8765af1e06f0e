package dev.loupe.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A detector on DJL's ONNX Runtime engine: one model session per worker, decoding in the translator. */
public final class DjlDetector implements Detector {
    static {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
    }

    private final ModelDescriptor descriptor;
    private final DetectorConfig config;
    private final Device device;
    private final List<ZooModel<PreparedImage, List<Detection>>> models = new ArrayList<>();
    private final List<Session> sessions = new ArrayList<>();

    private DjlDetector(ModelDescriptor descriptor, DetectorConfig config, Device device) {
        this.descriptor = descriptor;
        this.config = config;
        this.device = device;
    }

    /** Loads the weights, checks the input and output shapes against the descriptor, and warms up. */
    public static DjlDetector load(ModelDescriptor d, Path weights, DetectorConfig config) throws ModelException {
        Engine engine = Engine.getEngine("OnnxRuntime");
        boolean cuda = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        Device device = DeviceChoice.choose(System.getenv(DeviceChoice.VARIABLE), engine.getGpuCount(), cuda)
                == DeviceChoice.Kind.GPU ? Device.gpu() : Device.cpu();
        DjlDetector detector = new DjlDetector(d, config, device);
        try {
            for (int i = 0; i < config.sessions(); i++) {
                @SuppressWarnings("unchecked")
                Class<List<Detection>> out = (Class<List<Detection>>) (Class<?>) List.class;
                Criteria<PreparedImage, List<Detection>> criteria = Criteria.builder()
                        .setTypes(PreparedImage.class, out)
                        .optModelPath(weights)
                        .optEngine("OnnxRuntime")
                        .optDevice(device)
                        .optOption("interOpNumThreads", "1")
                        .optOption("intraOpNumThreads", Integer.toString(config.threadsPerSession()))
                        // measured on YOLOX-Nano, 2 sessions x 1 thread: every graph optimisation and the memory
                        // arena (235-245 runs/s) beat EXTENDED (156), BASIC (129-133) and no arena (152-206)
                        .optOption("optLevel", "ALL_OPT")
                        .optOption("cpuArenaAllocator", "true")
                        .optTranslator(new Decoding(d, config))
                        .build();
                ZooModel<PreparedImage, List<Detection>> model = criteria.loadModel();
                detector.models.add(model);
                detector.checkInput(model, weights);
                detector.sessions.add(detector.new DjlSession(model.newPredictor()));
            }
            detector.warmUp(weights);
            return detector;
        } catch (ModelNotFoundException | MalformedModelException | IOException e) {
            detector.close();
            throw new ModelException(weights + ": cannot load as an ONNX model: " + e.getMessage(), e);
        } catch (ModelException | RuntimeException e) {
            detector.close();
            throw e;
        }
    }

    private void checkInput(ZooModel<?, ?> model, Path weights) throws ModelException {
        var inputs = model.describeInput();
        if (inputs == null || inputs.isEmpty() || inputs.get(0).getValue() == null) {
            return; // the engine does not say; the warm-up run catches a wrong input shape
        }
        long[] shape = inputs.get(0).getValue().getShape();
        long[] want = {1, 3, descriptor.inputHeight(), descriptor.inputWidth()};
        boolean fits = shape.length == 4;
        for (int k = 0; fits && k < 4; k++) {
            fits = shape[k] <= 0 || shape[k] == want[k];
        }
        if (!fits) {
            throw new ModelException(weights + ": input shape " + java.util.Arrays.toString(shape)
                    + " does not match descriptor " + descriptor.name() + " (expected " + java.util.Arrays.toString(want) + ")");
        }
    }

    /** One run on a blank image checks the output shape before any real work starts. */
    private void warmUp(Path weights) throws ModelException {
        float[] zeros = new float[3 * descriptor.inputWidth() * descriptor.inputHeight()];
        PreparedImage blank = new PreparedImage(zeros, descriptor.inputWidth(), descriptor.inputHeight(), 1, 1, 0, 0,
                descriptor.inputWidth(), descriptor.inputHeight());
        try {
            for (Session s : sessions) {
                s.detect(blank);
            }
        } catch (ModelException e) {
            throw new ModelException(weights + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public DetectorConfig config() {
        return config;
    }

    @Override
    public String device() {
        return device.toString();
    }

    @Override
    public Session session(int index) {
        return sessions.get(index);
    }

    @Override
    public void close() {
        for (Session s : sessions) {
            ((DjlSession) s).predictor.close();
        }
        for (ZooModel<?, ?> m : models) {
            m.close();
        }
    }

    private final class DjlSession implements Session {
        private final Predictor<PreparedImage, List<Detection>> predictor;

        DjlSession(Predictor<PreparedImage, List<Detection>> predictor) {
            this.predictor = predictor;
        }

        @Override
        public List<Detection> detect(PreparedImage input) throws ModelException {
            try {
                return predictor.predict(input);
            } catch (TranslateException e) {
                Throwable cause = e.getCause() instanceof ModelException ? e.getCause() : e;
                throw new ModelException(descriptor.name() + ": inference failed: " + cause.getMessage(), e);
            }
        }
    }

    /** Tensor in, decoded and suppressed detections out; no NDArray leaves. */
    private static final class Decoding implements NoBatchifyTranslator<PreparedImage, List<Detection>> {
        private final ModelDescriptor d;
        private final DetectorConfig config;

        Decoding(ModelDescriptor d, DetectorConfig config) {
            this.d = d;
            this.config = config;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, PreparedImage input) {
            ctx.setAttachment("input", input);
            return new NDList(ctx.getNDManager().create(FloatBuffer.wrap(input.tensor()),
                    new Shape(1, 3, input.height(), input.width())));
        }

        @Override
        public List<Detection> processOutput(TranslatorContext ctx, NDList list) throws ModelException {
            NDArray out = list.get(0);
            long[] shape = out.getShape().getShape();
            String problem = OutputDecoder.shapeProblem(d, shape);
            if (problem != null) {
                throw new ModelException("output shape " + java.util.Arrays.toString(shape) + " does not match decoder "
                        + d.decoder() + " (" + problem + ")");
            }
            PreparedImage in = (PreparedImage) ctx.getAttachment("input");
            List<Detection> candidates = OutputDecoder.decode(d, out.toFloatArray(), shape, in, config.scoreThreshold());
            candidates.removeIf(c -> c.w() <= 0 || c.h() <= 0
                    || !config.classes().isEmpty() && !config.classes().contains(c.label()));
            return Nms.classAware(candidates, config.nmsThreshold(), config.maxDetections());
        }
    }
}
