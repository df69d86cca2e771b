package io.invitehub.application.accounts.service;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;

import java.util.regex.Pattern;

/** The shape of usernames and passwords, checked before anything is stored. */
final class AccountRules {
    static final int MIN_PASSWORD_LENGTH = 8;
    static final int MAX_PASSWORD_LENGTH = 1024;
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9_.-]{3,64}$");

    private AccountRules() {
    }

    static String validUsername(String username) {
        if (username == null || !USERNAME.matcher(username.strip()).matches()) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "username must be 3-64 letters, digits, '_', '.' or '-'");
        }
        return username.strip();
    }

    static void validPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED,
                    "password must have " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters");
        }
    }
}
