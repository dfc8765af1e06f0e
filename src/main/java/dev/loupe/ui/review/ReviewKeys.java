package dev.loupe.ui.review;

import java.util.List;

/** Every review shortcut in one place: the key handler and the help overlay both read this list. */
final class ReviewKeys {

    record Key(String keys, String action) {
    }

    static final List<Key> ALL = List.of(
            new Key("N, then drag", "draw a box with the current label"),
            new Key("click / drag", "select, move; drag a handle to resize"),
            new Key("Shift+drag, drag on empty", "pan"),
            new Key("wheel", "zoom around the cursor"),
            new Key("Z / Shift+Z", "fit the image / 1:1"),
            new Key("A / R", "accept / reject the selected box"),
            new Key("Shift+A", "accept every pending box at or above the score"),
            new Key("Delete", "delete the selected box"),
            new Key("M / Shift+M", "take the model's fix for the likely mistake shown / leave the box as it is"),
            new Key("1 … 9", "relabel the selected box (or pick the label for new boxes)"),
            new Key("arrows, Shift+arrows", "nudge by 1 px, 10 px"),
            new Key("Alt+arrows", "grow or shrink from the right and bottom edges"),
            new Key("Ctrl+C / Ctrl+V", "copy the selected (or every) box / paste, also on another image"),
            new Key("Shift+H / K", "hide the selected box / lock it against moving"),
            new Key("C", "crosshair"),
            new Key("Tab", "select the next box"),
            new Key("F / D", "next / previous image"),
            new Key(". / ,", "next / previous frame of a clip"),
            new Key("P", "play / pause a clip"),
            new Key("E", "end the selected box's track on this frame"),
            new Key("X", "split the selected box's track here: a new track from this frame on"),
            new Key("J", "join the tracks of the last two boxes selected"),
            new Key("[ / ]", "previous / next key frame (of the selected box's track)"),
            new Key("Enter", "mark the image done and go to the next"),
            new Key("Ctrl+Z / Ctrl+Y", "undo / redo"),
            new Key("H / L / S", "hide boxes / captions / scores"),
            new Key("? or F1", "show or hide this list"));

    private ReviewKeys() {
    }
}
