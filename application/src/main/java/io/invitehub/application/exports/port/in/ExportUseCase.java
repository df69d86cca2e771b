package io.invitehub.application.exports.port.in;

import io.invitehub.application.exports.view.ExportLink;
import io.invitehub.domain.user.UserId;

/**
 * Exports of a distributor's lists (SPEC section 9, ADR 35). The caller must be the distributor itself or
 * staff (someone else's distributor is NOT_FOUND, like the lists); each export started counts against the
 * caller's rate limit (RATE_LIMITED). A browser, which cannot put the bearer token on a plain link, asks for
 * a signed link first and downloads with it.
 */
public interface ExportUseCase {

    /** Checks the export and returns it ready to stream. */
    PreparedExport prepare(UserId caller, ExportRequest request);

    /**
     * A short-lived signed token for {@code request}, bound to the caller, the kind, the distributor and the
     * filters; checked like {@link #prepare} (access and filters) without counting against the rate limit.
     */
    ExportLink link(UserId caller, ExportRequest request);

    /**
     * The export a token names, prepared for the user it was issued to (who must still be allowed to read
     * it): EXPORT_LINK_INVALID when the token was not issued here or was altered, EXPORT_LINK_EXPIRED after
     * its time.
     */
    PreparedExport prepare(String token);
}
