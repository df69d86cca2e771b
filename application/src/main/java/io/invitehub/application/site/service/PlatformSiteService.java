package io.invitehub.application.site.service;

import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.site.port.in.PlatformSiteUseCase;
import io.invitehub.application.site.port.out.PlatformSettings;
import io.invitehub.application.site.view.PlatformSettingsView;
import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.brand.PlatformTerms;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;

import java.time.Clock;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform's settings over their store; {@code defaults} and {@code defaultTerms} (the configuration) until the
 * first write.
 */
public final class PlatformSiteService implements PlatformSiteUseCase {
    private final TransactionRunner transactions;
    private final PlatformSettings settings;
    private final AuditLog audit;
    private final Clock clock;
    private final PlatformSite defaults;
    private final PlatformTerms defaultTerms;

    public PlatformSiteService(TransactionRunner transactions, PlatformSettings settings, AuditLog audit, Clock clock,
                               PlatformSite defaults, PlatformTerms defaultTerms) {
        this.transactions = transactions;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.defaultTerms = Objects.requireNonNull(defaultTerms, "defaultTerms");
    }

    @Override
    public PlatformSite site() {
        return settings.read().orElse(defaults);
    }

    @Override
    public PlatformTerms terms() {
        return settings.terms(currency()).orElse(defaultTerms);
    }

    @Override
    public PlatformTerms configured() {
        return defaultTerms;
    }

    @Override
    public PlatformSite ensureDefaults(PlatformSite first) {
        return transactions.inTransaction(() -> {
            Optional<PlatformSite> stored = settings.read();
            if (stored.isEmpty()) {
                settings.write(first, Actor.system(), clock.instant());
            }
            if (settings.terms(currency()).isEmpty()) {
                settings.writeTerms(defaultTerms, Actor.system(), clock.instant());
            }
            return stored.orElse(first);
        });
    }

    @Override
    public PlatformSettingsView settings(Actor admin) {
        admin.requireAnyOf("Only admins read the platform's settings.", Role.ADMIN);
        return new PlatformSettingsView(site(), terms());
    }

    @Override
    public PlatformSettingsView update(Actor admin, PlatformSite site, PlatformTerms terms) {
        admin.requireAnyOf("Only admins change the platform's settings.", Role.ADMIN);
        if (!terms.defaultUnitPrice().currency().equals(currency())) {
            throw new IllegalArgumentException("the default unit price is in " + currency());
        }
        return transactions.inTransaction(() -> {
            settings.write(site, admin, clock.instant());
            settings.writeTerms(terms, admin, clock.instant());
            audit.record(AuditEntry.of(admin, "SITE_UPDATE", "PLATFORM", 1, "platform_name=" + site.platformName()
                    + ", logo_url=" + site.logoUrl().orElse("-") + ", support_contact=" + site.supportContact().orElse("-")
                    + ", announcement=" + site.announcement().map(a -> a.length() + " characters").orElse("-")
                    + ", default_unit_price=" + terms.defaultUnitPrice() + ", payment_window=" + terms.paymentWindow(), clock.instant()));
            return new PlatformSettingsView(site, terms);
        });
    }

    /** The currency of every price (INVITEHUB_CURRENCY): the stored price is in minor units of it. */
    private Currency currency() {
        return defaultTerms.defaultUnitPrice().currency();
    }
}
