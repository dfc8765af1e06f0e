package dev.loupe.metrics;

import dev.loupe.core.MetadataValue;
import dev.loupe.jobs.JobContext;
import dev.loupe.media.ImportImagesJob;
import dev.loupe.media.ImportSources;
import dev.loupe.media.UrlFetcher;
import dev.loupe.project.Project;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataImportTest {
    @TempDir
    Path tmp;

    @Test
    void csvAndJsonLayersAddNumericAndCategoricalFieldsAndReportUnknownImages() throws Exception {
        try (Project p = Project.create(tmp.resolve("p"))) {
            new ImportImagesJob(p.store(), "d", ImportSources.fromArguments(List.of(SharedData.photos().toString())),
                    new UrlFetcher(p.cacheDir("downloads"), Duration.ofMillis(10))).run(JobContext.silent());
            Path csv = Files.writeString(tmp.resolve("light.csv"),
                    "image,lux,camera\nbus.jpg,1200,phone\ndog.jpg,300.5,dslr\nghost.jpg,1,x\n");
            MetadataImport.Report r = MetadataImport.run(p.store(), "d", csv);
            assertEquals(4, r.values());
            assertEquals(List.of("ghost.jpg"), r.unknownImages());
            List<MetadataValue> values = p.store().metadata(1);
            assertTrue(values.stream().anyMatch(v -> v.field().equals("lux") && v.number() == 300.5));
            assertTrue(values.stream().anyMatch(v -> v.field().equals("camera") && "dslr".equals(v.text()) && !v.isNumber()),
                    values.toString());

            Path json = Files.writeString(tmp.resolve("more.json"), "[{\"image\": \"kite.jpg\", \"lux\": 80}]");
            assertEquals(1, MetadataImport.run(p.store(), "d", json).values());
            assertEquals(3, p.store().metadata(1).stream().filter(v -> v.field().equals("lux")).count());

            Path bad = Files.writeString(tmp.resolve("bad.csv"), "image,lux\nbus.jpg,1,2\n");
            IOException e = assertThrows(IOException.class, () -> MetadataImport.run(p.store(), "d", bad));
            assertTrue(e.getMessage().contains("bad.csv:2: 3 fields (expected 2"), e.getMessage());
        }
    }
}
