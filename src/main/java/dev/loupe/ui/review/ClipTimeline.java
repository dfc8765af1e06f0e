package dev.loupe.ui.review;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

/**
 * The timeline under the review canvas while a clip's frames are walked: play / pause, a slider to scrub, and where
 * the shown frame is. While the slider is dragged each position shows its key frame (one frame to decode, however far
 * the clip's key frames are apart); let go, the exact frame replaces it.
 */
final class ClipTimeline extends HBox {
    /** Frames shown per second while playing. */
    private static final double PLAY_FPS = 10;

    private final ReviewViewModel vm;
    private final Slider scrub = new Slider(0, 1, 0);
    private final Button play = new Button("▶");
    private final Timeline playing;
    private boolean following;

    ClipTimeline(ReviewViewModel vm) {
        super(10);
        this.vm = vm;
        setId("clipTimeline");
        getStyleClass().add("clip-timeline");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 10, 4, 10));
        play.setId("playButton");
        play.setTooltip(new Tooltip("Play / pause (P); step a frame with , and ."));
        play.setOnAction(e -> togglePlay());
        scrub.setId("timeline");
        scrub.setBlockIncrement(1);
        HBox.setHgrow(scrub, Priority.ALWAYS);
        Label where = new Label();
        where.setId("frameLabel");
        where.setMinWidth(170);
        getChildren().addAll(play, scrub, where);

        playing = new Timeline(new KeyFrame(Duration.seconds(1 / PLAY_FPS), e -> {
            if (vm.positionProperty().get() + 1 >= vm.countProperty().get()) {
                togglePlay();
            } else {
                vm.next();
            }
        }));
        playing.setCycleCount(Timeline.INDEFINITE);

        vm.countProperty().addListener((o, was, n) -> scrub.setMax(Math.max(1, n.intValue() - 1)));
        vm.positionProperty().addListener((o, was, n) -> follow(n.intValue()));
        scrub.valueProperty().addListener((o, was, now) -> {
            if (!following) {
                int i = (int) Math.round(now.doubleValue());
                if (scrub.isValueChanging()) {
                    vm.scrubTo(i); // key frames while dragging: each is one frame to decode
                } else {
                    vm.goTo(i);
                }
            }
        });
        scrub.valueChangingProperty().addListener((o, was, dragging) -> {
            if (!dragging) {
                vm.settle();
            }
        });
        vm.itemProperty().addListener((o, was, item) -> show(item, where));
        scrub.setMax(Math.max(1, vm.countProperty().get() - 1));
        follow(vm.positionProperty().get());
        show(vm.itemProperty().get(), where);
    }

    /** Shown for a clip's frame, saying which; hidden (and stopped) for a picture. */
    private void show(dev.loupe.core.ImageItem item, Label where) {
        boolean clip = item != null && item.isFrame();
        setVisible(clip);
        setManaged(clip);
        if (clip) {
            where.setText(String.format("frame %,d · %,d / %,d", item.frameIndex(), vm.positionProperty().get() + 1,
                    vm.countProperty().get()));
        } else if (playing.getStatus() == javafx.animation.Animation.Status.RUNNING) {
            togglePlay();
        }
    }

    /** The slider follows the shown frame without asking for it again. */
    private void follow(int position) {
        following = true;
        try {
            scrub.setValue(position);
        } finally {
            following = false;
        }
    }

    void togglePlay() {
        if (playing.getStatus() == javafx.animation.Animation.Status.RUNNING) {
            playing.stop();
            play.setText("▶");
        } else {
            playing.play();
            play.setText("❚❚");
        }
    }
}
