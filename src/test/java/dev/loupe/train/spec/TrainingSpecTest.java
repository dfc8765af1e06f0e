package dev.loupe.train.spec;

import dev.loupe.train.TrainSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference's TAO YOLOv4 spec: settings read, every other field kept, and a write-read round trip. */
class TrainingSpecTest {
    static final String REFERENCE = """
            random_seed: 42
            yolov4_config {
              big_anchor_shape: "[(114.94, 60.67), (159.06, 114.59), (297.59, 176.38)]"
              mid_anchor_shape: "[(42.99, 31.91), (79.57, 31.75), (56.80, 56.93)]"
              small_anchor_shape: "[(15.60, 13.88), (30.25, 20.25), (20.67, 49.63)]"
              box_matching_iou: 0.25
              arch: "resnet"
              nlayers: 18
              arch_conv_blocks: 2
              loss_loc_weight: 0.8
              loss_neg_obj_weights: 100.0
              loss_class_weights: 0.5
              label_smoothing: 0.0
              big_grid_xy_extend: 0.05
              mid_grid_xy_extend: 0.1
              small_grid_xy_extend: 0.2
              freeze_bn: false
              freeze_blocks: 0
              force_relu: false
            }
            training_config {
              batch_size_per_gpu: 8
              num_epochs: 80
              enable_qat: false
              checkpoint_interval: 10
              learning_rate {
                soft_start_cosine_annealing_schedule {
                  min_learning_rate: 1e-7
                  max_learning_rate: 1e-4
                  soft_start: 0.3
                }
              }
              regularizer {
                type: L1
                weight: 3e-5
              }
              optimizer {
                adam {
                  epsilon: 1e-7
                  beta1: 0.9
                  beta2: 0.999
                  amsgrad: false
                }
              }
              pretrain_model_path: "/workspace/tao-experiments/yolo_v4/pretrained_resnet18/resnet_18.hdf5"
            }
            eval_config {
              average_precision_mode: SAMPLE
              batch_size: 8
              matching_iou_threshold: 0.5
            }
            nms_config {
              confidence_threshold: 0.001
              clustering_iou_threshold: 0.5
              top_k: 200
            }
            augmentation_config {
              hue: 0.1
              saturation: 1.5
              exposure:1.5
              vertical_flip:0
              horizontal_flip: 0.5
              jitter: 0.3
              output_width: 1248
              output_height: 384
              output_channel: 3
              randomize_input_shape_period: 0
              mosaic_prob: 0.5
              mosaic_min_ratio:0.2
            }
            dataset_config {
              data_sources: {
                label_directory_path: "/workspace/tao-experiments/data/training/label_2"
                image_directory_path: "/workspace/tao-experiments/data/training/image_2"
              }
              include_difficult_in_training: true
              target_class_mapping {
                key: "person"
                value: "person"
              }
              validation_data_sources: {
                label_directory_path: "/workspace/tao-experiments/data/val/label"
                image_directory_path: "/workspace/tao-experiments/data/val/image"
              }
            }
            """;

    @Test
    void readsTheTrainingSettingsAndKeepsAndReportsTheRest() {
        TrainingSpec spec = TrainingSpec.parse(REFERENCE, "spec.txt");
        TrainSettings s = spec.settings();
        assertEquals(80, s.epochs());
        assertEquals(8, s.batchSize());
        assertEquals(1e-7, s.minLearningRate());
        assertEquals(1e-4, s.maxLearningRate());
        assertEquals(0.3, s.softStart());
        assertEquals(3e-5, s.l1());
        assertEquals(0, s.l2());
        assertEquals(10, s.checkpointInterval());
        assertTrue(spec.unusedFields().contains("yolov4_config.box_matching_iou"), spec.unusedFields().toString());
        assertTrue(spec.unusedFields().contains("augmentation_config.mosaic_prob"));
        assertTrue(spec.unusedFields().contains("dataset_config.target_class_mapping.key"));
        assertTrue(spec.unusedFields().contains("training_config.enable_qat"));
        assertTrue(!spec.unusedFields().contains("training_config.num_epochs"));

        // written and read again: the same fields, in the same order, with the same values
        String written = spec.text();
        TrainingSpec again = TrainingSpec.parse(written, "written");
        assertEquals(written, again.text());
        assertEquals(s, again.settings());
        assertEquals(spec.unusedFields(), again.unusedFields());
        assertTrue(written.contains("label_directory_path: \"/workspace/tao-experiments/data/training/label_2\""));

        // changed settings land in the training fields only
        TrainSettings changed = s.withEpochs(12).withBatchSize(4).withMaxLearningRate(5e-4);
        TrainingSpec updated = TrainingSpec.parse(spec.put(changed).text(), "updated");
        assertEquals(changed, updated.settings());
        assertEquals(spec.unusedFields(), updated.unusedFields());
        assertEquals(changed, TrainingSpec.parse(TrainingSpec.of(changed, "/models/yolox_nano.onnx").text(), "new")
                .settings());
    }

    @Test
    void badSpecsNameTheLineAndWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                TrainingSpec.parse("training_config {\n  num_epochs 80\n}\n", "bad.txt"));
        assertEquals("bad.txt:2: expected ':' or '{' after 'num_epochs'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () ->
                TrainingSpec.parse("training_config {\n  num_epochs: eighty\n}\n", "bad.txt").settings());
        assertEquals("bad.txt:2: training_config.num_epochs is 'eighty', expected a number", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingSpec.parse("training_config {\n", "open.txt"));
        assertTrue(e.getMessage().startsWith("open.txt:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () ->
                TrainingSpec.parse("training_config { optimizer { rmsprop { rho: 0.9 } } }", "rms.txt").settings());
        assertTrue(e.getMessage().contains("adam or sgd"), e.getMessage());
        assertEquals(TrainSettings.OptimizerKind.SGD, TrainingSpec.parse(
                "training_config { optimizer { sgd { momentum: 0.9 } } }", "sgd.txt").settings().optimizer());
    }
}
