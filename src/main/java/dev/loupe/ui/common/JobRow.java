package dev.loupe.ui.common;

import dev.loupe.jobs.JobHandle;
import dev.loupe.jobs.JobState;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One job as the jobs panel shows it; updated on the FX thread only. */
public final class JobRow {
    private final JobHandle<?> handle;
    private final StringProperty name = new SimpleStringProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty detail = new SimpleStringProperty("");
    private final ObjectProperty<JobState> state = new SimpleObjectProperty<>(JobState.QUEUED);

    JobRow(JobHandle<?> handle) {
        this.handle = handle;
        name.set(handle.name());
        refresh();
    }

    void refresh() {
        progress.set(handle.state().isFinished() ? 1.0 : handle.fraction());
        state.set(handle.state());
        StringBuilder sb = new StringBuilder();
        if (handle.total() > 0 && !handle.state().isFinished()) {
            sb.append(handle.done()).append(" / ").append(handle.total());
        } else {
            sb.append(handle.message());
        }
        int problems = handle.problems().size();
        if (problems > 0) {
            sb.append(" · ").append(problems).append(" skipped");
        }
        detail.set(sb.toString());
    }

    public JobHandle<?> handle() {
        return handle;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty detailProperty() {
        return detail;
    }

    public ObjectProperty<JobState> stateProperty() {
        return state;
    }

    public void cancel() {
        handle.cancel();
    }
}
