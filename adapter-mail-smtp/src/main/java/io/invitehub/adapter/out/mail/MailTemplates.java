package io.invitehub.adapter.out.mail;

import io.invitehub.application.shared.port.out.MailTemplate;
import io.invitehub.application.shared.port.out.OutgoingMail;
import io.invitehub.domain.shared.Language;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of the mails, one resource per template and language ({@code mail/PASSWORD_RESET.zh-CN.txt}):
 * a {@code Subject:} line, a blank line, the body; {@code {{name}}} stands for a value of the mail. All are
 * loaded and checked when this is built (every template in every language, using exactly the template's
 * values), so a missing or mistyped text stops the start, not a mail. Plain text only, so values need no
 * escaping; a template engine would add nothing (ADR 41).
 */
public final class MailTemplates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    /** A rendered mail. */
    public record Rendered(String subject, String body) {
    }

    private record Text(String subject, String body) {
    }

    private final Map<MailTemplate, Map<Language, Text>> texts = new EnumMap<>(MailTemplate.class);

    private MailTemplates() {
        for (MailTemplate template : MailTemplate.values()) {
            Map<Language, Text> byLanguage = new EnumMap<>(Language.class);
            for (Language language : Language.values()) {
                byLanguage.put(language, load(template, language));
            }
            texts.put(template, byLanguage);
        }
    }

    /** Loads and checks every template. */
    public static MailTemplates load() {
        return new MailTemplates();
    }

    public Rendered render(OutgoingMail mail) {
        Text text = texts.get(mail.template()).get(mail.language());
        return new Rendered(fill(text.subject(), mail.values()), fill(text.body(), mail.values()));
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Text load(MailTemplate template, Language language) {
        String name = "mail/" + template.name() + "." + language.tag() + ".txt";
        String raw;
        try (InputStream in = MailTemplates.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the mail template " + name + " is missing");
            }
            raw = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the mail template " + name, e);
        }
        if (!raw.startsWith("Subject: ") || !raw.contains("\n\n")) {
            throw new IllegalStateException("the mail template " + name + " must start with 'Subject: …' and a blank line");
        }
        int end = raw.indexOf('\n');
        String subject = raw.substring("Subject: ".length(), end).strip();
        String body = raw.substring(raw.indexOf("\n\n") + 2);
        Set<String> used = new HashSet<>();
        Matcher m = PLACEHOLDER.matcher(subject + "\n" + body);
        while (m.find()) {
            used.add(m.group(1));
        }
        if (!used.equals(Set.copyOf(template.keys()))) {
            throw new IllegalStateException("the mail template " + name + " uses " + used + " but " + template + " has " + template.keys());
        }
        return new Text(subject, body);
    }
}
