package io.invitehub.library.assembly;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.security.HmacExportTickets;
import io.invitehub.application.distributors.service.StatisticsSettings;
import io.invitehub.application.exports.port.in.ExportUseCase;
import io.invitehub.application.exports.service.ExportService;
import io.invitehub.application.exports.service.ExportSettings;
import io.invitehub.library.config.ExportsConfig;

/**
 * Exports (SPEC section 9, ADR 35): the rows from PostgreSQL's cursors, links signed with a key derived from
 * the service's secret (the JWT secret), the per-user limit through the shared rate limiter.
 */
public record ExportsAssembly(ExportUseCase exports) {

    /** {@code secret}: the service's signing secret, resolved by the caller (ADR 9). */
    public static ExportsAssembly wire(Adapters a, ExportsConfig config, byte[] secret) {
        JooqPersistence db = a.persistence();
        ExportUseCase exports = new ExportService(db.exportRows(), new HmacExportTickets(secret), a.rateLimiter(), db.users(), a.clock(),
                new ExportSettings(config.perUserPerMinute(), config.linkTtl(), StatisticsSettings.DEFAULT_RECENTLY_ENDED));
        return new ExportsAssembly(exports);
    }
}
