package dev.loupe.core;

/** Where a box stands in review. */
public enum ReviewStatus {
    PENDING, ACCEPTED, REJECTED
}
