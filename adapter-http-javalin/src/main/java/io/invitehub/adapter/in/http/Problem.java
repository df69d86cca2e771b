package io.invitehub.adapter.in.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail plus the stable {@code code}. {@code detail} is the human-readable
 * message (clients of the reference API read it). {@code bound_email} appears only on EMAIL_MISMATCH;
 * {@code field} names the refused input of a 400 (a body field, a query or path parameter) when one
 * input is at fault (ADR 33); {@code reason} is the admin's reason in the 403 of a rejected distributor's
 * sign-in, when one was given (the reference's login pages show it, ADR 34); {@code period} ({@code yyyy-mm}) is the
 * month that blocks a statement confirmation (STATEMENT_MONTH_NOT_OVER, EARLIER_STATEMENT_NOT_CONFIRMED,
 * STATEMENT_ALREADY_CONFIRMED) or its payment (STATEMENT_NOT_CONFIRMED, STATEMENT_ALREADY_PAID).
 */
record Problem(String type, String title, int status, String detail, String instance, String code,
               @JsonInclude(JsonInclude.Include.NON_NULL) String boundEmail,
               @JsonInclude(JsonInclude.Include.NON_NULL) String field,
               @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
               @JsonInclude(JsonInclude.Include.NON_NULL) String period) {

    static final String CONTENT_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://invitehub.dev/problems/";

    static Problem of(int status, String code, String detail, String instance) {
        return new Problem(TYPE_BASE + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'), title(code), status,
                detail, instance, code, null, null, null, null);
    }

    Problem withBoundEmail(String maskedBoundEmail) {
        return new Problem(type, title, status, detail, instance, code, maskedBoundEmail, field, reason, period);
    }

    Problem withField(String refusedField) {
        return new Problem(type, title, status, detail, instance, code, boundEmail, refusedField, reason, period);
    }

    Problem withReason(String rejectionReason) {
        return new Problem(type, title, status, detail, instance, code, boundEmail, field, rejectionReason, period);
    }

    Problem withPeriod(String blockingPeriod) {
        return new Problem(type, title, status, detail, instance, code, boundEmail, field, reason, blockingPeriod);
    }

    /** {@code CODE_USED_UP} becomes {@code Code used up}: the same for every occurrence of the type. */
    private static String title(String code) {
        String words = code.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
