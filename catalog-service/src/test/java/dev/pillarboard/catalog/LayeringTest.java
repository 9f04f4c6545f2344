package dev.pillarboard.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The package rules of README.md's map, checked over the compiled main classes. */
class LayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pillarboard.catalog");

    @Test
    void nothingOutsideRestDependsOnRest() {
        noClasses().that().resideOutsideOfPackage("dev.pillarboard.catalog.rest..")
                .should().dependOnClassesThat().resideInAPackage("dev.pillarboard.catalog.rest..")
                .check(MAIN);
    }

    /** The plumbing of common's own REST layer (mappers, body limits, query parameters) is for resources only. */
    @Test
    void nothingOutsideRestDependsOnCommonRest() {
        noClasses().that().resideOutsideOfPackage("dev.pillarboard.catalog.rest..")
                .should().dependOnClassesThat().resideInAPackage("dev.pillarboard.common.rest..")
                .check(MAIN);
    }
}
