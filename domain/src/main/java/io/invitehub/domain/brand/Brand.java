package io.invitehub.domain.brand;

import java.util.Objects;
import java.util.Optional;

/**
 * What a distributor's own link shows of it (SPEC section 9): its slug, a display name, a logo (an
 * {@code https} URL: the pages load it under {@code img-src https:}), a welcome text (plain text: shown as
 * text, never as markup; line breaks kept) and the custom host it asks for. Validated here for every
 * write: blank optional values are none, and each refusal names its field.
 */
public record Brand(Slug slug, Optional<String> displayName, Optional<String> logoUrl, Optional<String> welcomeText,
                   Optional<CustomHost> customHost) {
    public static final int MAX_DISPLAY_NAME = 60;
    public static final int MAX_LOGO_URL = TextRules.MAX_URL;
    public static final int MAX_WELCOME_TEXT = 500;

    public Brand {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(customHost, "customHost");
        displayName = TextRules.line(Objects.requireNonNull(displayName, "displayName"), "display_name", MAX_DISPLAY_NAME);
        logoUrl = TextRules.httpsUrl(Objects.requireNonNull(logoUrl, "logoUrl"), "logo_url");
        welcomeText = TextRules.prose(Objects.requireNonNull(welcomeText, "welcomeText"), "welcome_text", MAX_WELCOME_TEXT);
    }

    /** A distributor's brand before it set anything but what it starts with: its default slug. */
    public static Brand initial(Slug slug) {
        return new Brand(slug, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
