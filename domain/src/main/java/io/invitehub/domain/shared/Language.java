package io.invitehub.domain.shared;

import java.util.Locale;
import java.util.Optional;

/** The languages InviteHub writes to people in (mail, pages): zh-CN by default, English. */
public enum Language {
    ZH_CN("zh-CN"),
    EN("en");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    /** The BCP 47 tag ({@code zh-CN}, {@code en}). */
    public String tag() {
        return tag;
    }

    /** The language of a tag or name ({@code zh-CN}, {@code zh_cn}, {@code en-US} → EN); empty when none fits. */
    public static Optional<Language> of(String tagOrName) {
        if (tagOrName == null || tagOrName.isBlank()) {
            return Optional.empty();
        }
        String t = tagOrName.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (t.equals("zh") || t.startsWith("zh-")) {
            return Optional.of(ZH_CN);
        }
        if (t.equals("en") || t.startsWith("en-")) {
            return Optional.of(EN);
        }
        return Optional.empty();
    }
}
