package dev.loupe.ui.formats;

import dev.loupe.inference.ModelDescriptor;
import javafx.util.StringConverter;

/** How a model is named in a form's choice: its name and what it is. */
final class ModelNames extends StringConverter<ModelDescriptor> {
    @Override
    public String toString(ModelDescriptor d) {
        return d == null ? "" : d.name() + " — " + d.description();
    }

    @Override
    public ModelDescriptor fromString(String s) {
        return null;
    }
}
