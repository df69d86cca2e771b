package io.invitehub.application.accounts.port.out;

import io.invitehub.domain.shared.Email;

import java.time.Duration;

/** Sends e-mail to people. Called after the transaction that stored what the mail refers to has committed. */
public interface Mailer {

    /** Sends the sign-up verification {@code code}, valid for {@code validFor}. */
    void sendVerificationCode(Email to, String code, Duration validFor);
}
