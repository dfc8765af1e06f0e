package dev.loupe.ui.common;

import java.nio.file.Path;
import java.util.Optional;

/** The dialogs view models need, behind an interface so they can be tested without a Stage. */
public interface DialogService {

    Optional<Path> chooseFolder(String title, Path initial);

    void showError(String title, String message);
}
