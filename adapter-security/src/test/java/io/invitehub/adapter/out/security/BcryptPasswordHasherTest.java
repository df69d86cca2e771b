package io.invitehub.adapter.out.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BcryptPasswordHasherTest {
    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(BcryptPasswordHasher.MIN_COST);

    @Test
    void hashIsAStandardBcryptStringWithTheConfiguredCost() {
        String hash = hasher.hash("correct horse".toCharArray());

        assertThat(hash).hasSize(60).startsWith("$2b$04$");
        assertThat(new BcryptPasswordHasher().cost()).isEqualTo(10);
        assertThat(new BcryptPasswordHasher(5).hash("x".toCharArray())).startsWith("$2b$05$");
    }

    @Test
    void roundTripMatches() {
        char[] password = "correct horse battery staple".toCharArray();

        String hash = hasher.hash(password);

        assertThat(hasher.matches("correct horse battery staple".toCharArray(), hash)).isTrue();
        assertThat(password).isEqualTo("correct horse battery staple".toCharArray()); // caller's array untouched
    }

    @Test
    void nonAsciiPasswordsRoundTrip() {
        String hash = hasher.hash("пароль-密码-ü".toCharArray());

        assertThat(hasher.matches("пароль-密码-ü".toCharArray(), hash)).isTrue();
        assertThat(hasher.matches("пароль-密码-u".toCharArray(), hash)).isFalse();
    }

    @Test
    void wrongPasswordDoesNotMatch() {
        String hash = hasher.hash("secret-1".toCharArray());

        assertThat(hasher.matches("secret-2".toCharArray(), hash)).isFalse();
        assertThat(hasher.matches("Secret-1".toCharArray(), hash)).isFalse();
        assertThat(hasher.matches(new char[0], hash)).isFalse();
    }

    @Test
    void malformedOrMissingHashIsFalseNeverAnException() {
        char[] password = "secret".toCharArray();
        String good = hasher.hash(password);

        assertThat(hasher.matches(password, null)).isFalse();
        assertThat(hasher.matches(null, good)).isFalse();
        assertThat(hasher.matches(password, "")).isFalse();
        assertThat(hasher.matches(password, "not a hash")).isFalse();
        assertThat(hasher.matches(password, "$2b$04$tooshort")).isFalse();
        assertThat(hasher.matches(password, good.substring(0, 59))).isFalse();
        assertThat(hasher.matches(password, "$9z$04$" + good.substring(7))).isFalse();
        assertThat(hasher.matches(password, "$2b$99$" + good.substring(7))).isFalse();
        assertThat(hasher.matches(password, good.replace('$', '%'))).isFalse();
        assertThat(hasher.matches(password, good.substring(0, 29) + "!!!!" + good.substring(33))).isFalse();
    }

    @Test
    void twoHashesOfOnePasswordDifferButBothMatch() {
        String first = hasher.hash("same".toCharArray());
        String second = hasher.hash("same".toCharArray());

        assertThat(first).isNotEqualTo(second);
        assertThat(first.substring(7, 29)).isNotEqualTo(second.substring(7, 29)); // the salts differ
        assertThat(hasher.matches("same".toCharArray(), first)).isTrue();
        assertThat(hasher.matches("same".toCharArray(), second)).isTrue();
    }

    @Test
    void verifiesHashesOfOtherBcryptVersionsWrittenByOtherSystems() {
        String a = BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(4, "legacy".toCharArray());
        String y = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "legacy".toCharArray());

        assertThat(a).startsWith("$2a$");
        assertThat(hasher.matches("legacy".toCharArray(), a)).isTrue();
        assertThat(hasher.matches("legacy".toCharArray(), y)).isTrue();
        assertThat(hasher.matches("other".toCharArray(), a)).isFalse();
    }

    /** The reference system's users (import-reference, ADR 32): python's bcrypt.hashpw writes $2b$12$ hashes. */
    @Test
    void verifiesACost12HashMadeOutsideInviteHubAsTheReferenceStoredThem() {
        String reference = "$2b$12$vfRQNfS.lHKvZWeS8y4tA.Rrhi7.L7i7oTSPsRn2mzjPsJajMGC2m";

        assertThat(hasher.matches("Test1234".toCharArray(), reference)).isTrue();
        assertThat(hasher.matches("Test1235".toCharArray(), reference)).isFalse();
    }

    @Test
    void hashesWithinTheLimitAreInteroperableWithPlainBcrypt() {
        String password = "a".repeat(71);

        String hash = hasher.hash(password.toCharArray());

        assertThat(BCrypt.verifyer().verify(password.toCharArray(), hash).verified).isTrue();
    }

    @Test
    void longPasswordsAreNotTruncatedEveryCharacterCounts() {
        String common = "x".repeat(100);
        String hash = hasher.hash((common + "A").toCharArray());

        assertThat(hasher.matches((common + "A").toCharArray(), hash)).isTrue();
        assertThat(hasher.matches((common + "B").toCharArray(), hash)).isFalse();
        assertThat(hasher.matches(common.toCharArray(), hash)).isFalse();
        assertThat(hasher.matches("x".repeat(72).toCharArray(), hash)).isFalse();
    }

    @Test
    void costOutsideBcryptsRangeIsRefused() {
        assertThatThrownBy(() -> new BcryptPasswordHasher(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BcryptPasswordHasher(32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hasher.hash(null)).isInstanceOf(NullPointerException.class);
    }
}
