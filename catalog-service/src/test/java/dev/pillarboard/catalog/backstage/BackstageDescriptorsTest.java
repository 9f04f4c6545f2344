package dev.pillarboard.catalog.backstage;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import dev.pillarboard.catalog.backstage.ImportReport.Outcome;
import dev.pillarboard.catalog.config.CatalogConfig;
import dev.pillarboard.catalog.service.KnownPhase;

/** The reader alone: Backstage descriptors to requests, without a database or a running service. */
class BackstageDescriptorsTest {

    private static final List<String> PHASES = List.of("pre-launch", "pre-pmf", "pmf");
    private static final BackstageDescriptors DESCRIPTORS = new BackstageDescriptors(validator(),
            Map.of("experimental", "pre-launch", "production", "pmf"), 3);

    private static ImportEntry read(String yaml) {
        List<BackstageYaml.Document> documents = BackstageYaml.read(yaml, 1_000_000);
        assertThat(documents).hasSize(1);
        return DESCRIPTORS.read(0, documents.get(0));
    }

    @Test
    void aComponentBecomesAProductWithItsLinksAnnotationsAndTheFieldsItDoesNotKeep() {
        ImportEntry entry = read("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: Checkout-API
                  title: Checkout API
                  description: "  Takes the money  "
                  tags: [java, payments]
                  links:
                    - {url: https://github.com/acme/checkout, title: GitHub Repo}
                    - {url: https://runbooks.acme/checkout, type: runbook}
                  annotations:
                    github.com/project-slug: acme/checkout
                  labels: {team: payments}
                spec:
                  type: website
                  lifecycle: production
                  owner: group:default/Payments
                  system: shop
                """);
        assertThat(entry.pending()).isTrue();
        assertThat(entry.ref).isEqualTo("component:default/Checkout-API");
        assertThat(entry.product.slug()).isEqualTo("checkout-api");
        assertThat(entry.product.name()).isEqualTo("Checkout API");
        assertThat(entry.product.normalized().description()).isEqualTo("Takes the money");
        assertThat(entry.product.owner()).isEqualTo("payments");
        assertThat(entry.product.phase()).isEqualTo("pmf");
        assertThat(entry.product.tier()).isEqualTo(3);
        assertThat(entry.product.tags()).containsExactly("java", "payments");
        assertThat(entry.product.links()).containsExactly(Map.entry("github-repo", "https://github.com/acme/checkout"),
                Map.entry("runbook", "https://runbooks.acme/checkout"));
        assertThat(entry.product.annotations()).containsEntry("github.com/project-slug", "acme/checkout")
                .containsEntry("pillarboard.dev/backstage-type", "website").doesNotContainKey("pillarboard.dev/backstage-kind");
        assertThat(entry.ignored).containsExactly("metadata.labels", "spec.system");
    }

    @Test
    void theSourceKindTypeAndNamespaceComeFromTheEntityNeverFromItsAnnotations() {
        ImportEntry entry = read("""
                apiVersion: backstage.io/v1alpha1
                kind: System
                metadata:
                  name: shop
                  namespace: retail
                  annotations:
                    pillarboard.dev/phase: pre-pmf
                    pillarboard.dev/tier: "2"
                    pillarboard.dev/backstage-kind: Component
                    pillarboard.dev/backstage-type: forged
                spec:
                  owner: retail-team
                """);
        assertThat(entry.product.phase()).isEqualTo("pre-pmf");
        assertThat(entry.product.tier()).isEqualTo(2);
        assertThat(entry.product.annotations()).containsExactly(Map.entry("pillarboard.dev/backstage-kind", "System"),
                Map.entry("pillarboard.dev/backstage-namespace", "retail"));
    }

    @Test
    void aGroupBecomesATeamWithItsParentAndContact() {
        ImportEntry entry = read("""
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: Payments
                  annotations: {pillarboard.dev/chat: "#payments"}
                spec:
                  type: team
                  profile: {displayName: Payments Team, email: payments@acme.example}
                  parent: group:default/commerce
                  children: []
                """);
        assertThat(entry.pending()).isTrue();
        assertThat(entry.team.slug()).isEqualTo("payments");
        assertThat(entry.team.name()).isEqualTo("Payments Team");
        assertThat(entry.team.parent()).isEqualTo("commerce");
        assertThat(entry.team.contact().email()).isEqualTo("payments@acme.example");
        assertThat(entry.team.contact().chat()).isEqualTo("#payments");
    }

    @Test
    void otherKindsAndProductsWithoutAPhaseAreSkippedWithTheReason() {
        ImportEntry api = read("""
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata: {name: checkout-api}
                spec: {type: openapi, lifecycle: production, owner: payments}
                """);
        assertThat(api.outcome).isEqualTo(Outcome.skipped);
        assertThat(api.reason).startsWith("kind API is not imported");

        ImportEntry deprecated = read("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: legacy}
                spec: {type: service, lifecycle: deprecated, owner: payments}
                """);
        assertThat(deprecated.outcome).isEqualTo(Outcome.skipped);
        assertThat(deprecated.reason).contains("spec.lifecycle 'deprecated' has no Pillarboard phase");
    }

    @Test
    void invalidFieldsAreRejectedNamedAsTheDescriptorWritesThem() {
        ImportEntry entry = read("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: Invalid Component
                  title: "tab\\u0001bed"
                  tags: [ok, [nested]]
                  annotations:
                    a.example/list: [1, 2]
                spec:
                  lifecycle: experimental
                  owner: user:default/dana
                """);
        assertThat(entry.outcome).isEqualTo(Outcome.rejected);
        assertThat(entry.reason)
                .contains("metadata.annotations.a.example/list: must be text, not a list")
                .contains("metadata.tags[1]: must be text, not a list")
                .contains("spec.owner: 'user:default/dana' is a user; Pillarboard products are owned by teams")
                .contains("metadata.name: 'invalid component' must be 2-63 characters")
                .contains("metadata.title: must not contain control characters");
    }

    @Test
    void aKeptFieldThatIsAListOrAMappingIsRejectedNeverDroppedForItsDefault() {
        // Found by the reliability suite's bad-input corpus: a description that was a list imported as "".
        ImportEntry product = read("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: listed
                  title: [Listed, Component]
                  description: [a, b]
                spec:
                  type: {kind: service}
                  lifecycle: [production]
                  owner: [group:payments]
                """);
        assertThat(product.outcome).isEqualTo(Outcome.rejected);
        assertThat(product.reason)
                .contains("metadata.title: must be text, not a list")
                .contains("metadata.description: must be text, not a list")
                .contains("spec.type: must be text, not a mapping")
                .contains("spec.lifecycle: must be text, not a list")
                .contains("spec.owner: must be text, not a list");
        ImportEntry group = read("""
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: listed-team
                  annotations:
                    pillarboard.dev/chat: [a, b]
                spec:
                  type: team
                  parent: {name: platform}
                  profile:
                    displayName: [Listed]
                    email: [a@example.com]
                """);
        assertThat(group.outcome).isEqualTo(Outcome.rejected);
        assertThat(group.reason)
                .contains("spec.parent: must be text, not a mapping")
                .contains("spec.profile.displayName: must be text, not a list")
                .contains("spec.profile.email: must be text, not a list")
                .contains("metadata.annotations.pillarboard.dev/chat: must be text, not a list");
    }

    @Test
    void aDocumentThatIsNotABackstageEntityIsRejected() {
        assertThat(read("just text").reason).isEqualTo("not a Backstage entity: the document is not a YAML mapping");
        assertThat(read("kind: Component\nmetadata: {name: x}\n").reason)
                .startsWith("apiVersion: 'null' is not a Backstage entity version");
    }

    /** Bean Validation as the service runs it, with the configured phases for {@code @KnownPhase}. */
    private static Validator validator() {
        CatalogConfig config = (CatalogConfig) Proxy.newProxyInstance(CatalogConfig.class.getClassLoader(),
                new Class<?>[] { CatalogConfig.class }, (proxy, method, args) -> {
                    if (method.getName().equals("phases")) {
                        return PHASES;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        var configuration = Validation.byDefaultProvider().configure().messageInterpolator(new ParameterMessageInterpolator());
        ConstraintValidatorFactory defaults = configuration.getDefaultConstraintValidatorFactory();
        ValidatorFactory factory = configuration.constraintValidatorFactory(new ConstraintValidatorFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> key) {
                return key == KnownPhase.Validator.class ? (T) new KnownPhase.Validator(() -> config) : defaults.getInstance(key);
            }

            @Override
            public void releaseInstance(ConstraintValidator<?, ?> instance) {
                defaults.releaseInstance(instance);
            }
        }).buildValidatorFactory();
        return factory.getValidator();
    }
}
