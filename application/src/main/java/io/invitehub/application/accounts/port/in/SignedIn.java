package io.invitehub.application.accounts.port.in;

import io.invitehub.domain.user.User;

import java.time.Instant;

/** A successful login: the user and a bearer token valid until {@code expiresAt}. */
public record SignedIn(User user, String accessToken, Instant expiresAt) {
    @Override
    public String toString() {
        return "SignedIn[" + user + ", token=***, expiresAt=" + expiresAt + "]";
    }
}
