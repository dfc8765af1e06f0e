package dev.loupe;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layer rules of ARCHITECTURE.md, checked so they stay true. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.loupe");
    }

    @Test
    void onlyTheUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackages("dev.loupe.ui..", "dev.loupe.bench..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }

    @Test
    void nothingButTheLauncherAndBenchmarksDependsOnTheUi() {
        noClasses().that().resideOutsideOfPackages("dev.loupe.ui..", "dev.loupe.bench..")
                .and().doNotHaveFullyQualifiedName(Launcher.class.getName())
                .should().dependOnClassesThat().resideInAPackage("dev.loupe.ui..")
                .check(classes);
    }

    @Test
    void theCoreHasNoDependenciesOnOtherLayers() {
        noClasses().that().resideInAPackage("dev.loupe.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.loupe.store..", "dev.loupe.media..",
                        "dev.loupe.project..", "dev.loupe.jobs..", "dev.loupe.cli..", "java.sql..", "java.io..",
                        "java.nio..")
                .check(classes);
    }

    @Test
    void sqlStaysInsideTheStore() {
        noClasses().that().resideOutsideOfPackage("dev.loupe.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..")
                .check(classes);
    }

    @Test
    void servicesDoNotDependOnTheCli() {
        noClasses().that().resideOutsideOfPackages("dev.loupe.cli..", "dev.loupe.bench..")
                .and().doNotHaveFullyQualifiedName(Launcher.class.getName())
                .should().dependOnClassesThat().resideInAPackage("dev.loupe.cli..")
                .check(classes);
    }
}
