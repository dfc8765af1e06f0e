package dev.loupe.review;

/** Orders a stage's eligible images by worth: the first {@code n} of them go into the stage. */
@FunctionalInterface
public interface StageRanking {
    long[] first(long[] eligible, int n) throws Exception;
}
