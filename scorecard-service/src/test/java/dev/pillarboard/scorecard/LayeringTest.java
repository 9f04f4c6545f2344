package dev.pillarboard.scorecard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.pillarboard.common.PlainText;

/** The package rules and the naming rule of README.md's map, checked over the compiled main classes. */
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

    /** The plumbing of common's own REST layer (mappers, body limits, query parameters) is for resources only. */
    @Test
    void nothingOutsideRestDependsOnCommonRest() {
        noClasses().that().resideOutsideOfPackage("dev.pillarboard.scorecard.rest..")
                .should().dependOnClassesThat().resideInAPackage("dev.pillarboard.common.rest..")
                .check(MAIN);
    }

    @Test
    void theEngineIsPlainJavaWithSnakeYaml() {
        // PlainText (the shared rules for text, itself plain Java) is the one piece of common the engine reads.
        classes().that().resideInAPackage("dev.pillarboard.scorecard.engine..")
                .should().onlyDependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("dev.pillarboard.scorecard.engine..",
                        "java..", "org.yaml.snakeyaml..").or(JavaClass.Predicates.equivalentTo(PlainText.class)))
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

    @Test
    void everyTypeHasASimpleNameOfItsOwn() {
        Map<String, List<String>> byName = MAIN.stream()
                .filter(type -> !type.isAnonymousClass() && !type.isLocalClass())
                .collect(Collectors.groupingBy(JavaClass::getSimpleName, TreeMap::new,
                        Collectors.mapping(JavaClass::getName, Collectors.toList())));
        byName.values().removeIf(types -> types.size() == 1);
        // Each nested Builder is the builder of its outer type and always written with it (Evidence.Builder).
        assertThat(byName.remove("Builder")).containsExactlyInAnyOrder("dev.pillarboard.scorecard.engine.Evidence$Builder",
                "dev.pillarboard.scorecard.engine.ProductFacts$Builder");
        assertThat(byName).as("simple names that stand for more than one type").isEmpty();
    }
}
