package dev.loupe.core;

/** One person's share of one image's work, and whether they have marked it done. */
public record Assignment(String assignee, boolean finished) {
}
