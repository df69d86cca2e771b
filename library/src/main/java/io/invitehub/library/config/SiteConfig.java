package io.invitehub.library.config;

import io.invitehub.domain.brand.PlatformSite;
import io.invitehub.domain.shared.DomainException;

import java.util.Optional;

/**
 * docs/configuration.md, "Platform site": the platform's name, logo, support contact and announcement that the
 * customers' official page shows. Stored in PostgreSQL at the first start; after that the stored values (an ADMIN's
 * edits) win and these are not read again. Checked like an admin's edit: a bad value stops the start.
 */
public record SiteConfig(PlatformSite firstStart) {

    static SiteConfig read(EnvironmentReader r) {
        try {
            return new SiteConfig(new PlatformSite(r.string("INVITEHUB_PLATFORM_NAME", PlatformSite.DEFAULT_NAME),
                    r.optional("INVITEHUB_PLATFORM_LOGO_URL"), r.optional("INVITEHUB_PLATFORM_SUPPORT_CONTACT"),
                    r.optional("INVITEHUB_PLATFORM_ANNOUNCEMENT")));
        } catch (DomainException invalid) {
            throw new ConfigurationException("INVITEHUB_PLATFORM_*: " + invalid.getMessage() + " (" + nameOf(invalid) + ")");
        }
    }

    private static String nameOf(DomainException invalid) {
        Optional<String> field = invalid instanceof io.invitehub.domain.shared.MalformedInputException
                ? ((io.invitehub.domain.shared.MalformedInputException) invalid).field() : Optional.empty();
        return field.map(f -> "INVITEHUB_" + (f.equals("platform_name") ? "PLATFORM_NAME" : "PLATFORM_" + f.toUpperCase(java.util.Locale.ROOT)))
                .orElse("INVITEHUB_PLATFORM_*");
    }
}
