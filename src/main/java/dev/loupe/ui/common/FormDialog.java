package dev.loupe.ui.common;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

import java.util.Objects;

/** A modal dialog around a form, with OK enabled only while the form is complete. */
public final class FormDialog {

    private FormDialog() {
    }

    /** Shows the form; true when the user confirmed it. */
    public static boolean show(Window owner, String title, Node form, ObservableBooleanValue incomplete) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(incomplete);
        dialog.getDialogPane().getStylesheets().add(Objects.requireNonNull(
                FormDialog.class.getResource("/css/loupe.css")).toExternalForm());
        return dialog.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }
}
