package dev.loupe.ui.common;

import java.nio.file.Path;
import java.util.Optional;

/** The dialogs view models need, behind an interface so they can be tested without a Stage. */
public interface DialogService {

    Optional<Path> chooseFolder(String title, Path initial);

    /** An existing file to open, with one of these extensions. */
    Optional<Path> chooseFile(String title, java.util.List<String> extensions);

    /** Where to save a new file; the suggested name carries the extension. */
    Optional<Path> chooseSaveFile(String title, String suggestedName);

    void showError(String title, String message);

    /** Asks for a password (shown as dots, kept nowhere); empty when the person cancels. */
    Optional<String> askPassword(String title, String message);
}
