package dev.pillarboard.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only a path of the portal is a place to send a user back to; anything that could leave the site goes home. */
class LocalPathTest {

    @ParameterizedTest
    @ValueSource(strings = { "/", "/products", "/products?phase=pmf&team=a&team=b", "/products/x#check-y", "/teams/a-b" })
    void keepsPathsOfThePortal(String path) {
        assertThat(LocalPath.orHome(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://evil.example/", "//evil.example", "///evil.example", "/\\evil.example",
            "\\\\evil.example", "javascript:alert(1)", "http:evil.example", "evil.example", "", " /products",
            "/products\r\nSet-Cookie: x=y", "/%0d%0aLocation:%20https://evil.example" })
    void sendsEverythingElseHome(String candidate) {
        String result = LocalPath.orHome(candidate);
        assertThat(result).isIn("/", candidate);
        assertThat(result).doesNotContain("evil.example\r", "\n").doesNotStartWith("//");
        if (!candidate.startsWith("/%0d")) {
            assertThat(result).isEqualTo("/");
        }
    }
}
