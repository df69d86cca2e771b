package io.invitehub.domain.shared;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DomainExceptionTest {

    @Test
    void invalidIsAMalformedInputRefusal() {
        DomainException e = DomainException.invalid(ErrorCode.INVALID_EMAIL, "bad");
        assertThat(e).isInstanceOf(MalformedInputException.class).hasMessage("bad");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_EMAIL);
    }

    @Test
    void notFoundCarriesItsCode() {
        DomainException e = DomainException.notFound("nothing here");
        assertThat(e).isNotInstanceOf(MalformedInputException.class).hasMessage("nothing here");
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void rateLimitedCarriesTheWait() {
        RateLimitedException e = new RateLimitedException("slow down", Duration.ofSeconds(30));
        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> new RateLimitedException("x", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void requiresACode() {
        assertThatThrownBy(() -> new DomainException(null, "x")).isInstanceOf(NullPointerException.class).hasMessage("code");
    }
}
