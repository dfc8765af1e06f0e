package dev.loupe.cli;

import dev.loupe.jobs.JobProblem;
import dev.loupe.project.Project;
import dev.loupe.video.FrameSampling;
import dev.loupe.video.ImportVideoJob;
import dev.loupe.video.VideoImportReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "import-video", mixinStandardHelpOptions = true,
        description = {"Add clips (MP4, MKV, AVI, MOV: what FFmpeg reads) to a dataset: their frames become images of it, "
                + "decoded from the clip when needed.",
                "A clip cut short gives the frames before the break and says where it broke."})
final class ImportVideoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROJECT")
    Path project;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CLIP")
    List<Path> clips;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--every", defaultValue = "1", paramLabel = "K", description = "Every K-th frame (default: all).")
    int every;

    @Option(names = "--fps", defaultValue = "0", paramLabel = "F", description = "About F frames per second instead.")
    double fps;

    @Option(names = "--extract", paramLabel = "DIR", description = "Write the chosen frames as JPEG files into DIR "
            + "(a folder per clip) and import those as pictures instead.")
    Path extract;

    @Override
    public Integer call() throws Exception {
        if (extract != null) {
            return importExtracted();
        }
        try (Project p = CliSupport.open(project)) {
            VideoImportReport r = CliSupport.run("import-video", new ImportVideoJob(p.store(), dataset, clips,
                    new FrameSampling(every, fps)));
            System.out.printf("Imported %d clips into dataset '%s': %,d frames (%,d already there)%n", r.clips(), dataset,
                    r.frames(), r.alreadyThere());
            for (JobProblem problem : r.problems()) {
                System.out.println("  " + problem.item() + ": " + problem.reason());
            }
        }
        return 0;
    }

    /** The frames written out as JPEG files and imported as pictures. */
    private Integer importExtracted() throws Exception {
        List<String> files = new java.util.ArrayList<>();
        for (Path clip : clips) {
            List<Path> written = CliSupport.run("extract " + clip.getFileName(), ctx ->
                    dev.loupe.video.ExtractFrames.write(clip, new FrameSampling(every, fps), extract, ctx));
            written.forEach(f -> files.add(f.toString()));
            System.out.printf("Wrote %,d frames of %s to %s%n", written.size(), clip.getFileName(), extract);
        }
        try (Project p = CliSupport.open(project)) {
            var r = CliSupport.run("import-images", new dev.loupe.media.ImportImagesJob(p.store(), dataset,
                    dev.loupe.media.ImportSources.fromArguments(files), new dev.loupe.media.UrlFetcher(
                    p.cacheDir("downloads"), java.time.Duration.ofSeconds(30))));
            System.out.printf("Imported %,d frames as pictures into dataset '%s'%n", r.imported(), dataset);
        }
        return 0;
    }
}
