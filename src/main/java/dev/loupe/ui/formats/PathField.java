package dev.loupe.ui.formats;

import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** A path text field with buttons to pick files or a folder; several paths are separated by ';'. */
final class PathField extends HBox {
    private final TextField text = new TextField();

    PathField(String prompt, boolean files, boolean folder) {
        super(6);
        text.setPromptText(prompt);
        HBox.setHgrow(text, Priority.ALWAYS);
        getChildren().add(text);
        if (files) {
            Button b = new Button("Files…");
            b.setOnAction(e -> {
                List<File> chosen = new FileChooser().showOpenMultipleDialog(getScene().getWindow());
                if (chosen != null) {
                    set(chosen.stream().map(File::toPath).toList());
                }
            });
            getChildren().add(b);
        }
        if (folder) {
            Button b = new Button("Folder…");
            b.setOnAction(e -> {
                File chosen = new DirectoryChooser().showDialog(getScene().getWindow());
                if (chosen != null) {
                    set(List.of(chosen.toPath()));
                }
            });
            getChildren().add(b);
        }
    }

    TextField textField() {
        return text;
    }

    void set(List<Path> paths) {
        text.setText(String.join(";", paths.stream().map(Path::toString).toList()));
    }

    List<Path> paths() {
        return Arrays.stream(text.getText().split(";")).map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).toList();
    }
}
