package dev.pillarboard.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The package rule of README.md's map, checked over the compiled main classes. */
class LayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pillarboard.common");

    /** What services use outside their own REST layer (requests, JSON, security, JDBC) never reaches into common's. */
    @Test
    void nothingOutsideRestDependsOnRest() {
        noClasses().that().resideOutsideOfPackage("dev.pillarboard.common.rest..")
                .should().dependOnClassesThat().resideInAPackage("dev.pillarboard.common.rest..")
                .check(MAIN);
    }
}
