package dev.loupe.train.spec;

import dev.loupe.train.TrainSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The reference's TAO YOLOv4 training spec (protobuf text): Loupe reads the training settings from
 * {@code training_config} and keeps every other field (yolov4_config, eval_config, nms_config,
 * augmentation_config, dataset_config, ...) as it was, listing them as not used by Loupe. Writing a spec fills
 * the training fields from Loupe's settings, so the same run can be repeated in TAO.
 */
public final class TrainingSpec {
    private static final String TC = "training_config.";
    private static final String SCHEDULE = TC + "learning_rate.soft_start_cosine_annealing_schedule.";
    /** The fields Loupe reads; everything else is kept and reported. */
    static final Set<String> USED = Set.of(TC + "batch_size_per_gpu", TC + "num_epochs", TC + "checkpoint_interval",
            SCHEDULE + "min_learning_rate", SCHEDULE + "max_learning_rate", SCHEDULE + "soft_start",
            TC + "regularizer.type", TC + "regularizer.weight", TC + "pretrain_model_path",
            TC + "optimizer.adam.epsilon", TC + "optimizer.adam.beta1", TC + "optimizer.adam.beta2",
            TC + "optimizer.adam.amsgrad", TC + "optimizer.sgd.momentum", TC + "optimizer.sgd.nesterov");

    private final TextProto proto;
    private final String where;

    private TrainingSpec(TextProto proto, String where) {
        this.proto = proto;
        this.where = where;
    }

    public static TrainingSpec read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    public static TrainingSpec parse(String text, String where) {
        return new TrainingSpec(TextProto.parse(text, where), where);
    }

    /** A new spec holding these settings (and the reference's optimizer), for a run to repeat in TAO. */
    public static TrainingSpec of(TrainSettings s, String pretrainModelPath) {
        TrainingSpec spec = new TrainingSpec(new TextProto(), "new spec");
        spec.put(s);
        if (s.optimizer() == TrainSettings.OptimizerKind.SGD) {
            spec.proto.set(TC + "optimizer.sgd.momentum", "0.9");
            spec.proto.set(TC + "optimizer.sgd.nesterov", "false");
        } else {
            spec.proto.set(TC + "optimizer.adam.epsilon", "1e-7");
            spec.proto.set(TC + "optimizer.adam.beta1", "0.9");
            spec.proto.set(TC + "optimizer.adam.beta2", "0.999");
            spec.proto.set(TC + "optimizer.adam.amsgrad", "false");
        }
        if (pretrainModelPath != null) {
            spec.proto.set(TC + "pretrain_model_path", TextProto.quote(pretrainModelPath));
        }
        return spec;
    }

    /** The training settings, Loupe's defaults where the spec is silent. */
    public TrainSettings settings() {
        TrainSettings r = TrainSettings.defaults();
        String regularizer = proto.scalar(TC + "regularizer.type").orElse("L1");
        double weight = number(TC + "regularizer.weight", r.l1());
        boolean sgd = proto.message(TC + "optimizer.sgd").isPresent();
        if (proto.message(TC + "optimizer").isPresent() && proto.message(TC + "optimizer.adam").isEmpty() && !sgd) {
            throw new IllegalArgumentException(where + ": training_config.optimizer: Loupe trains with adam or sgd");
        }
        return new TrainSettings((int) number(TC + "num_epochs", r.epochs()),
                (int) number(TC + "batch_size_per_gpu", r.batchSize()),
                number(SCHEDULE + "min_learning_rate", r.minLearningRate()),
                number(SCHEDULE + "max_learning_rate", r.maxLearningRate()),
                number(SCHEDULE + "soft_start", r.softStart()),
                regularizer.equalsIgnoreCase("L1") ? weight : 0,
                regularizer.equalsIgnoreCase("L2") ? weight : 0,
                (int) number(TC + "checkpoint_interval", r.checkpointInterval()),
                r.earlyStopPatience(), r.freezeBackbone(), r.augment(), r.seed(),
                sgd ? TrainSettings.OptimizerKind.SGD : TrainSettings.OptimizerKind.ADAM, r.budgetMinutes(),
                r.newClassRate());
    }

    /** Writes these settings into the spec's training fields, leaving every other field as it was. */
    public TrainingSpec put(TrainSettings s) {
        proto.set(TC + "batch_size_per_gpu", Integer.toString(s.batchSize()));
        proto.set(TC + "num_epochs", Integer.toString(s.epochs()));
        proto.set(SCHEDULE + "min_learning_rate", format(s.minLearningRate()));
        proto.set(SCHEDULE + "max_learning_rate", format(s.maxLearningRate()));
        proto.set(SCHEDULE + "soft_start", format(s.softStart()));
        proto.set(TC + "regularizer.type", s.l2() > 0 && s.l1() == 0 ? "L2" : s.l1() > 0 ? "L1" : "NO_REG");
        proto.set(TC + "regularizer.weight", format(s.l2() > 0 && s.l1() == 0 ? s.l2() : s.l1()));
        proto.set(TC + "checkpoint_interval", Integer.toString(s.checkpointInterval()));
        return this;
    }

    /**
     * Points the spec's dataset_config at KITTI folders (training and validation sources) and, unless the spec
     * already maps classes, maps each class to itself; TAO's other dataset fields stay as they were.
     */
    public TrainingSpec putDataset(Path trainImages, Path trainLabels, Path testImages, Path testLabels,
                                   List<String> classes) {
        String dc = "dataset_config.";
        proto.set(dc + "data_sources.image_directory_path", TextProto.quote(trainImages.toString()));
        proto.set(dc + "data_sources.label_directory_path", TextProto.quote(trainLabels.toString()));
        proto.set(dc + "validation_data_sources.image_directory_path", TextProto.quote(testImages.toString()));
        proto.set(dc + "validation_data_sources.label_directory_path", TextProto.quote(testLabels.toString()));
        if (proto.message("dataset_config").flatMap(d -> d.field("target_class_mapping")).isEmpty()) {
            for (String c : classes) {
                TextProto mapping = proto.add(dc + "target_class_mapping");
                mapping.set("key", TextProto.quote(c));
                mapping.set("value", TextProto.quote(c));
            }
        }
        return this;
    }

    /** Dotted paths of the scalar fields Loupe does not use (kept in the spec, reported to the user). */
    public List<String> unusedFields() {
        List<String> out = new ArrayList<>();
        collect(proto, "", out);
        return out;
    }

    private static void collect(TextProto m, String prefix, List<String> out) {
        for (TextProto.Field f : m.fields()) {
            String path = prefix + f.name();
            if (f.isMessage()) {
                collect(f.message(), path + ".", out);
            } else if (!USED.contains(path)) {
                out.add(path);
            }
        }
    }

    public String text() {
        return proto.print();
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, text(), StandardCharsets.UTF_8);
    }

    private double number(String path, double orElse) {
        return proto.scalarField(path).map(f -> {
            String v = TextProto.unquote(f.value());
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ":" + f.line() + ": " + path + " is '" + v
                        + "', expected a number");
            }
        }).orElse(orElse);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v).replace("E", "e");
    }
}
