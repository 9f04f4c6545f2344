package dev.pillarboard.scorecard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The package rules of README.md's map, checked over the compiled main classes. */
class LayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pillarboard.scorecard");

    @Test
    void nothingOutsideRestDependsOnRest() {
        noClasses().that().resideOutsideOfPackage("dev.pillarboard.scorecard.rest..")
                .should().dependOnClassesThat().resideInAPackage("dev.pillarboard.scorecard.rest..")
                .check(MAIN);
    }

    @Test
    void theEngineIsPlainJavaWithSnakeYaml() {
        classes().that().resideInAPackage("dev.pillarboard.scorecard.engine..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.pillarboard.scorecard.engine..", "java..",
                        "org.yaml.snakeyaml..")
                .check(MAIN);
    }

    @Test
    void theCatalogClientIsReachedOnlyByTheFollower() {
        noClasses().that().resideOutsideOfPackages("dev.pillarboard.scorecard.client..", "dev.pillarboard.scorecard.sync..",
                "dev.pillarboard.scorecard.config..")
                .should().dependOnClassesThat().resideInAPackage("dev.pillarboard.scorecard.client..")
                .check(MAIN);
    }

    @Test
    void theServicePackageIsGone() {
        noClasses().should().resideInAPackage("dev.pillarboard.scorecard.service..").check(MAIN);
    }
}
