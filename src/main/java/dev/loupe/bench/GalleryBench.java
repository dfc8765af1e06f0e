package dev.loupe.bench;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "gallery", mixinStandardHelpOptions = true, description = "Gallery benchmark (not yet).")
final class GalleryBench implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
