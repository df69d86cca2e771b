package io.invitehub.application.site.service;

import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.site.port.in.PlatformSiteUseCase;
import io.invitehub.application.site.port.out.PlatformSettings;
import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** The platform's site settings over their store; {@code defaults} (the configuration) until the first write. */
public final class PlatformSiteService implements PlatformSiteUseCase {
    private final TransactionRunner transactions;
    private final PlatformSettings settings;
    private final AuditLog audit;
    private final Clock clock;
    private final PlatformSite defaults;

    public PlatformSiteService(TransactionRunner transactions, PlatformSettings settings, AuditLog audit, Clock clock, PlatformSite defaults) {
        this.transactions = transactions;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    @Override
    public PlatformSite site() {
        return settings.read().orElse(defaults);
    }

    @Override
    public PlatformSite ensureDefaults(PlatformSite first) {
        return transactions.inTransaction(() -> {
            Optional<PlatformSite> stored = settings.read();
            if (stored.isPresent()) {
                return stored.get();
            }
            settings.write(first, Actor.system(), clock.instant());
            return first;
        });
    }

    @Override
    public PlatformSite update(Actor admin, PlatformSite site) {
        admin.requireAnyOf("Only admins change the platform's site settings.", Role.ADMIN);
        return transactions.inTransaction(() -> {
            settings.write(site, admin, clock.instant());
            audit.record(AuditEntry.of(admin, "SITE_UPDATE", "PLATFORM", 1, "platform_name=" + site.platformName()
                    + ", logo_url=" + site.logoUrl().orElse("-") + ", support_contact=" + site.supportContact().orElse("-")
                    + ", announcement=" + site.announcement().map(a -> a.length() + " characters").orElse("-"), clock.instant()));
            return site;
        });
    }
}
