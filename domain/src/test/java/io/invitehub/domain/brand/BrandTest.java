package io.invitehub.domain.brand;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrandTest {

    private static void assertFieldRefused(Runnable call, ErrorCode code, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(MalformedInputException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.field()).contains(field);
        });
    }

    @Test
    void slugsAreTrimmedLowerCasedAndChecked() {
        assertThat(Slug.parse("  Kims-Seats ").value()).isEqualTo("kims-seats");
        assertThat(Slug.parse("a1b").value()).isEqualTo("a1b");
        for (String bad : new String[]{"ab", "-abc", "abc-", "ab_c", "a b c", "kím", "a".repeat(33), "", null}) {
            assertFieldRefused(() -> Slug.parse(bad), ErrorCode.VALIDATION_FAILED, "slug");
        }
        assertFieldRefused(() -> Slug.parse("Console"), ErrorCode.SLUG_RESERVED, "slug");
        assertFieldRefused(() -> Slug.parse("sign-in"), ErrorCode.SLUG_RESERVED, "slug");
    }

    @Test
    void theDefaultSlugIsTheUsernameInTheSlugAlphabet() {
        assertThat(Slug.defaultFor("Kim_Lee.88", 7, s -> false).value()).isEqualTo("kim-lee-88");
        assertThat(Slug.defaultFor("__x__", 7, s -> false).value()).isEqualTo("d-7");
        assertThat(Slug.defaultFor("admin", 7, s -> false).value()).isEqualTo("admin-2");
        assertThat(Slug.defaultFor("kim", 7, Set.of("kim", "kim-2")::contains).value()).isEqualTo("kim-3");
        assertThat(Slug.defaultFor("x".repeat(40), 7, Set.of("x".repeat(32))::contains).value()).isEqualTo("x".repeat(30) + "-2");
        assertThat(Slug.defaultFor("abc-" + "y".repeat(25) + "-zz", 7, s -> s.length() == 32).value())
                .as("no hyphen before the suffix").isEqualTo("abc-" + "y".repeat(25) + "-2");
    }

    @Test
    void customHostsAreDnsNamesInLowerCase() {
        assertThat(CustomHost.parse(" Seats.Kim.Example. ").value()).isEqualTo("seats.kim.example");
        for (String bad : new String[]{"localhost", "https://seats.example", "seats.example/path", "seats.example:443", "10.0.0.1",
                "-seats.example", "seats..example", "a".repeat(64) + ".example", ""}) {
            assertFieldRefused(() -> CustomHost.parse(bad), ErrorCode.VALIDATION_FAILED, "custom_host");
        }
        assertThat(CustomHost.fromHostHeader("Seats.Kim.Example:8443")).isEqualTo(new CustomHost("seats.kim.example"));
        assertThat(CustomHost.fromHostHeader("[::1]:8080")).isNull();
        assertThat(CustomHost.fromHostHeader("127.0.0.1:8080")).isNull();
    }

    @Test
    void theBrandsTextsAreCheckedFieldByField() {
        Brand brand = new Brand(new Slug("kim"), Optional.of("  Kim's Seats "), Optional.of(" https://cdn.example.com/logo.png "),
                Optional.of("Hello\r\nWorld  "), Optional.empty());
        assertThat(brand.displayName()).contains("Kim's Seats");
        assertThat(brand.logoUrl()).contains("https://cdn.example.com/logo.png");
        assertThat(brand.welcomeText()).contains("Hello\nWorld");
        assertThat(new Brand(new Slug("kim"), Optional.of(" "), Optional.of(""), Optional.of("\n"), Optional.empty()))
                .isEqualTo(Brand.initial(new Slug("kim")));

        assertFieldRefused(() -> brandWith(Optional.of("x".repeat(61)), Optional.empty(), Optional.empty()), ErrorCode.VALIDATION_FAILED, "display_name");
        assertFieldRefused(() -> brandWith(Optional.of("two\nlines"), Optional.empty(), Optional.empty()), ErrorCode.VALIDATION_FAILED, "display_name");
        for (String url : new String[]{"http://cdn.example.com/logo.png", "HTTPS://cdn.example.com/l.png", "https://user:pw@cdn.example.com/l.png",
                "javascript:alert(1)", "https:///nohost", "https://cdn.example.com/a b.png", "https://cdn.example.com/" + "x".repeat(500)}) {
            assertFieldRefused(() -> brandWith(Optional.empty(), Optional.of(url), Optional.empty()), ErrorCode.VALIDATION_FAILED, "logo_url");
        }
        assertFieldRefused(() -> brandWith(Optional.empty(), Optional.empty(), Optional.of("x".repeat(501))), ErrorCode.VALIDATION_FAILED, "welcome_text");
        assertFieldRefused(() -> brandWith(Optional.empty(), Optional.empty(), Optional.of("bell\u0007")), ErrorCode.VALIDATION_FAILED, "welcome_text");
        assertThat(brandWith(Optional.empty(), Optional.empty(), Optional.of("<b>not markup</b>")).welcomeText())
                .as("plain text: kept as typed, shown as text").contains("<b>not markup</b>");
    }

    private static Brand brandWith(Optional<String> name, Optional<String> logo, Optional<String> welcome) {
        return new Brand(new Slug("kim"), name, logo, welcome, Optional.empty());
    }

    @Test
    void aRefusedFieldIsADomainRefusal() {
        assertThatThrownBy(() -> Slug.parse("x")).isInstanceOf(DomainException.class);
    }
}
