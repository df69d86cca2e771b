package io.invitehub.domain.brand;

import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;

import java.util.Objects;
import java.util.Optional;

/**
 * The platform as its own pages show it (the official link, SPEC section 14): its name, an https logo, how
 * customers reach support, and an announcement (plain text) shown above the redeem form. Validated like a brand.
 */
public record PlatformSite(String platformName, Optional<String> logoUrl, Optional<String> supportContact,
                           Optional<String> announcement) {
    public static final int MAX_PLATFORM_NAME = 64;
    public static final int MAX_SUPPORT_CONTACT = 200;
    public static final int MAX_ANNOUNCEMENT = 1000;
    public static final String DEFAULT_NAME = "InviteHub";

    public PlatformSite {
        platformName = TextRules.line(Optional.ofNullable(platformName), "platform_name", MAX_PLATFORM_NAME)
                .orElseThrow(() -> MalformedInputException.field(ErrorCode.VALIDATION_FAILED, "platform_name", "platform_name is required"));
        logoUrl = TextRules.httpsUrl(Objects.requireNonNull(logoUrl, "logoUrl"), "logo_url");
        supportContact = TextRules.line(Objects.requireNonNull(supportContact, "supportContact"), "support_contact", MAX_SUPPORT_CONTACT);
        announcement = TextRules.prose(Objects.requireNonNull(announcement, "announcement"), "announcement", MAX_ANNOUNCEMENT);
    }
}
