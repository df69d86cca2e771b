package io.invitehub.adapter.out.provider.chatgpt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.application.shared.port.out.InviteResult;
import io.invitehub.application.shared.port.out.MemberPage;
import io.invitehub.application.shared.port.out.PendingInvite;
import io.invitehub.application.shared.port.out.ProviderError;
import io.invitehub.application.shared.port.out.ProviderMember;
import io.invitehub.application.shared.port.out.TeamProvider;
import io.invitehub.application.shared.port.out.TeamProviderException;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.team.TeamAccount;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@link TeamProvider} over the ChatGPT Team workspace admin API ({@code /backend-api}), the API the
 * reference service used. Every call carries {@code Authorization: Bearer <token>} and
 * {@code chatgpt-account-id: <workspace id>}; the request and response shapes assumed here are
 * documented in ADR 15 (docs/adr/0015-chatgpt-team-adapter.md), taken from public clients of the API.
 *
 * <p>Failures are typed ({@link TeamProviderException}): 401 → TOKEN_INVALID; 403 or 404 whose body
 * says the account or workspace is banned, suspended or deactivated → BANNED; other 404 → NOT_FOUND;
 * 429 → RATE_LIMITED with {@code Retry-After} (seconds or an HTTP date); 408, 5xx, timeouts and
 * connection errors → TRANSIENT (a 503's {@code Retry-After} is carried too); other 4xx → REJECTED; a
 * 2xx body that is not the JSON expected → TRANSIENT (nothing is known about what happened, and every
 * call here may be repeated: invites are sent with {@code resend_emails}).
 *
 * <p>Secrets: the token is sent only in the header; it is never logged, and it is cut out of any
 * provider text quoted in an error. E-mail addresses in quoted provider text are masked like
 * {@link Email#masked()}. Thread-safe: one {@link HttpClient} shared by every call.
 */
public final class ChatGptTeamProvider implements TeamProvider {
    private static final Logger LOG = Logger.getLogger(ChatGptTeamProvider.class.getName());
    static final int MAX_QUOTED = 200;
    /** Stops a provider that keeps announcing more pending invites from looping forever. */
    static final int MAX_INVITE_PAGES = 1_000;
    private static final Pattern BANNED_WORD = Pattern.compile("\\b(banned|suspended|deactivated)\\b");
    private static final Pattern ACCOUNT_WORD = Pattern.compile("\\b(account|workspace)s?\\b");
    /** A refusal that means the person is in the workspace or invited already: for the dispatcher, sent (ADR 5). */
    private static final Pattern ALREADY_THERE = Pattern.compile(
            "already\\s+(a\\s+member|member|in\\s+(the\\s+)?(workspace|account|team)|joined|invited|exists|has\\s+access)");
    private static final Pattern EMAIL_IN_TEXT = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*?([A-Za-z0-9_%+-])?@([A-Za-z0-9.-]+)");

    private final ChatGptSettings settings;
    private final Clock clock;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public ChatGptTeamProvider(ChatGptSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    // ---- TeamProvider ----------------------------------------------------------------------

    /** Reads the first member of the workspace: proves the token, the account id and the admin right. */
    @Override
    public void verify(TeamAccount team) {
        JsonNode body = call(team, "GET", accountPath(team, "users"), Map.of("offset", "0", "limit", "1"), null);
        memberPage(body, 0, 1);
    }

    @Override
    public List<InviteResult> invite(TeamAccount team, List<Email> emails) {
        Objects.requireNonNull(emails, "emails");
        if (emails.size() > MAX_INVITES_PER_CALL) {
            throw new IllegalArgumentException("at most " + MAX_INVITES_PER_CALL + " e-mails per invite call, got " + emails.size());
        }
        if (emails.isEmpty()) {
            return List.of();
        }
        List<String> addresses = new ArrayList<>(emails.size());
        emails.forEach(e -> addresses.add(Objects.requireNonNull(e, "email").value()));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("email_addresses", addresses);
        request.put("role", settings.role());
        request.put("resend_emails", true);
        JsonNode body = call(team, "POST", accountPath(team, "invites"), Map.of(), request);
        return inviteResults(team, emails, body);
    }

    @Override
    public MemberPage listMembers(TeamAccount team, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
        int asked = Math.min(limit, ChatGptSettings.MAX_PAGE_SIZE);
        JsonNode body = call(team, "GET", accountPath(team, "users"),
                Map.of("offset", Integer.toString(offset), "limit", Integer.toString(asked), "query", ""), null);
        return memberPage(body, offset, asked);
    }

    /** Reads every page of the workspace's pending invites. */
    @Override
    public List<PendingInvite> listPendingInvites(TeamAccount team) {
        List<PendingInvite> all = new ArrayList<>();
        int offset = 0;
        for (int page = 0; page < MAX_INVITE_PAGES; page++) {
            JsonNode body = call(team, "GET", accountPath(team, "invites"),
                    Map.of("offset", Integer.toString(offset), "limit", Integer.toString(settings.pageSize()), "query", ""), null);
            JsonNode items = items(body, "pending invites");
            for (JsonNode item : items) {
                all.add(pendingInvite(item));
            }
            offset += items.size();
            OptionalTotal total = total(body);
            if (items.isEmpty() || (total.known() ? offset >= total.value() : items.size() < settings.pageSize())) {
                return all;
            }
        }
        throw malformed("the pending invites of account " + team.providerAccountId() + " did not end after "
                + MAX_INVITE_PAGES + " pages");
    }

    @Override
    public void cancelInvite(TeamAccount team, Email email) {
        Objects.requireNonNull(email, "email");
        call(team, "DELETE", accountPath(team, "invites"), Map.of(), Map.of("email_address", email.value()));
    }

    @Override
    public void removeMember(TeamAccount team, String userId) {
        Objects.requireNonNull(userId, "userId");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
        call(team, "DELETE", accountPath(team, "users") + "/" + segment(userId), Map.of(), null);
    }

    /** {@code seats_entitled} of {@code GET /subscriptions?account_id=…}. */
    @Override
    public int seatCount(TeamAccount team) {
        JsonNode body = call(team, "GET", "/subscriptions", Map.of("account_id", team.providerAccountId()), null);
        JsonNode seats = body.get("seats_entitled");
        if (seats == null || !seats.canConvertToInt() || !seats.isIntegralNumber() || seats.asInt() < 0) {
            throw malformed("the subscription of account " + team.providerAccountId() + " has no seats_entitled count");
        }
        return seats.asInt();
    }

    // ---- HTTP exchange ---------------------------------------------------------------------

    /** One request; returns the JSON body of a 2xx answer (a missing node for an empty body) or throws typed. */
    private JsonNode call(TeamAccount team, String method, String path, Map<String, String> query, Object body) {
        Objects.requireNonNull(team, "team");
        ChatGptCredentials credentials = ChatGptCredentials.of(team, json);
        String what = method + " " + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path, query))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + credentials.accessToken())
                .header("chatgpt-account-id", team.providerAccountId())
                .header("Accept", "application/json")
                .header("User-Agent", "InviteHub");
        credentials.deviceId().ifPresent(id -> request.header("oai-device-id", id));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(write(body), StandardCharsets.UTF_8));
        }
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new TeamProviderException(ProviderError.TRANSIENT, what + " timed out (" + e.getMessage() + ")", null, e);
        } catch (IOException e) {
            throw new TeamProviderException(ProviderError.TRANSIENT, what + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TeamProviderException(ProviderError.TRANSIENT, what + " interrupted", null, e);
        }
        int status = response.statusCode();
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine(what + " -> " + status + " in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
        }
        if (status >= 200 && status < 300) {
            return parse(response.body(), what);
        }
        throw failure(what, status, response, credentials);
    }

    private TeamProviderException failure(String what, int status, HttpResponse<String> response, ChatGptCredentials credentials) {
        String raw = response.body() == null ? "" : response.body();
        String quoted = quote(raw, credentials);
        String message = "HTTP " + status + " from " + what + (quoted.isEmpty() ? "" : ": " + quoted);
        if (status == 401) {
            return new TeamProviderException(ProviderError.TOKEN_INVALID, message);
        }
        if ((status == 403 || status == 404) && mentionsBan(raw)) {
            return new TeamProviderException(ProviderError.BANNED, message);
        }
        if (status == 404) {
            return new TeamProviderException(ProviderError.NOT_FOUND, message);
        }
        Optional<Duration> retryAfter = retryAfter(response.headers().firstValue("Retry-After"), clock.instant());
        if (status == 429) {
            return new TeamProviderException(ProviderError.RATE_LIMITED, message, retryAfter.orElse(null), null);
        }
        if (status == 408 || status >= 500) {
            return new TeamProviderException(ProviderError.TRANSIENT, message, retryAfter.orElse(null), null);
        }
        return new TeamProviderException(ProviderError.REJECTED, message);
    }

    static boolean mentionsBan(String body) {
        String text = body.toLowerCase(Locale.ROOT);
        return BANNED_WORD.matcher(text).find() && ACCOUNT_WORD.matcher(text).find();
    }

    /**
     * {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110 section 10.2.3); a date in the
     * past is zero; anything else is ignored.
     */
    static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        String value = header.get().strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException tooLong) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private JsonNode parse(String body, String what) {
        if (body == null || body.isBlank()) {
            return json.missingNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed(what + " answered a body that is not JSON");
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }

    private URI uri(String path, Map<String, String> query) {
        StringBuilder url = new StringBuilder(settings.baseUrl().toString()).append(path);
        String separator = "?";
        for (Map.Entry<String, String> q : new java.util.TreeMap<>(query).entrySet()) {
            url.append(separator).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
            separator = "&";
        }
        return URI.create(url.toString());
    }

    private static String accountPath(TeamAccount team, String collection) {
        return "/accounts/" + segment(team.providerAccountId()) + "/" + collection;
    }

    private static String segment(String value) {
        return encode(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Provider text for an error message: one line, at most {@link #MAX_QUOTED} characters, token cut out, e-mails masked. */
    static String quote(String raw, ChatGptCredentials credentials) {
        String text = raw.replace(credentials.accessToken(), "***").replaceAll("\\s+", " ").strip();
        text = maskEmails(text);
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "…";
    }

    static String maskEmails(String text) {
        return EMAIL_IN_TEXT.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group(1) + "***" + (m.group(2) == null ? "" : m.group(2)) + "@" + m.group(3)));
    }

    // ---- response shapes -------------------------------------------------------------------

    /**
     * {@code {"account_invites": [{"email_address": …}], "errored_emails": [{"email": …, "error": …}]}}.
     * An e-mail in {@code account_invites} is sent; one in {@code errored_emails} is REJECTED with the
     * provider's text, unless that text says the person is a member or invited already, which is
     * sent (a repeated invite must succeed, ADR 5); when the answer names neither list (public clients see an empty object on
     * success) every e-mail is sent; an e-mail missing from lists that name others is TRANSIENT, so
     * the dispatcher asks again (with {@code resend_emails} a repeat is harmless).
     */
    private List<InviteResult> inviteResults(TeamAccount team, List<Email> asked, JsonNode body) {
        if (!body.isMissingNode() && !body.isObject()) {
            throw malformed("the invite answer for account " + team.providerAccountId() + " is not a JSON object");
        }
        JsonNode sentNode = body.path("account_invites");
        JsonNode erroredNode = body.path("errored_emails");
        if (!sentNode.isMissingNode() && !sentNode.isNull() && !sentNode.isArray()
                || !erroredNode.isMissingNode() && !erroredNode.isNull() && !erroredNode.isArray()) {
            throw malformed("the invite answer for account " + team.providerAccountId()
                    + " has account_invites or errored_emails that are not lists");
        }
        Map<Email, InviteResult> byEmail = new LinkedHashMap<>();
        for (JsonNode item : iterable(sentNode)) {
            emailOf(item, "email_address", "email").ifPresent(e -> byEmail.put(e, InviteResult.sent(e)));
        }
        for (JsonNode item : iterable(erroredNode)) {
            Optional<Email> email = emailOf(item, "email", "email_address");
            if (email.isPresent() && !byEmail.containsKey(email.get())) {
                String reason = item.isObject() ? firstText(item, "error", "message", "code").orElse("refused") : "refused";
                byEmail.put(email.get(), ALREADY_THERE.matcher(reason.toLowerCase(Locale.ROOT)).find()
                        ? InviteResult.sent(email.get())
                        : InviteResult.failed(email.get(), ProviderError.REJECTED, maskEmails(oneLine(reason))));
            }
        }
        boolean silent = sentNode.size() == 0 && erroredNode.size() == 0;
        List<InviteResult> results = new ArrayList<>(asked.size());
        for (Email email : asked) {
            InviteResult known = byEmail.get(email);
            if (known != null) {
                results.add(known);
            } else if (silent) {
                results.add(InviteResult.sent(email));
            } else {
                results.add(InviteResult.failed(email, ProviderError.TRANSIENT, "the provider did not report this e-mail"));
            }
        }
        return results;
    }

    /** {@code {"items": [{"id", "email", "role", "created_time"}], "total": n}}. */
    private MemberPage memberPage(JsonNode body, int offset, int asked) {
        JsonNode items = items(body, "members");
        List<ProviderMember> members = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            String id = firstText(item, "id", "user_id").orElseThrow(() -> malformed("a member without id"));
            Email email = emailOf(item, "email").orElseThrow(() -> malformed("member " + id + " has no valid e-mail"));
            members.add(new ProviderMember(id, email, firstText(item, "role").orElse(""), time(item).orElse(null)));
        }
        OptionalTotal total = total(body);
        int count;
        if (total.known()) {
            count = Math.max(total.value(), offset + members.size());
        } else {
            // no total: a full page may have more behind it; one more (possibly empty) page tells
            count = offset + members.size() + (members.size() >= asked ? 1 : 0);
        }
        if (count > offset + members.size() && members.isEmpty()) {
            // the provider announces more members than it serves: end here rather than loop
            count = offset;
        }
        return new MemberPage(members, offset, count);
    }

    private PendingInvite pendingInvite(JsonNode item) {
        Email email = emailOf(item, "email_address", "email").orElseThrow(() -> malformed("a pending invite has no valid e-mail"));
        String id = firstText(item, "id").orElse("");
        return new PendingInvite(id, email, time(item).orElse(null));
    }

    private JsonNode items(JsonNode body, String what) {
        if (!body.isObject()) {
            throw malformed("the " + what + " answer is not a JSON object");
        }
        for (String field : List.of("items", "data", "users")) {
            JsonNode node = body.get(field);
            if (node != null && node.isArray()) {
                for (JsonNode item : node) {
                    if (!item.isObject()) {
                        throw malformed("the " + what + " list holds something that is not an object");
                    }
                }
                return node;
            }
        }
        throw malformed("the " + what + " answer has no items list");
    }

    private record OptionalTotal(boolean known, int value) {
    }

    private static OptionalTotal total(JsonNode body) {
        JsonNode total = body.get("total");
        return total != null && total.isIntegralNumber() && total.canConvertToInt() && total.asInt() >= 0
                ? new OptionalTotal(true, total.asInt()) : new OptionalTotal(false, 0);
    }

    /** {@code created_time} (ISO-8601) or {@code added_at}/{@code invited_at} (epoch seconds); empty when absent or unreadable. */
    private static Optional<Instant> time(JsonNode item) {
        for (String field : List.of("created_time", "added_at", "invited_at", "created_at")) {
            JsonNode node = item.get(field);
            if (node == null || node.isNull()) {
                continue;
            }
            if (node.isNumber()) {
                return Optional.of(Instant.ofEpochSecond(node.asLong()));
            }
            if (node.isTextual()) {
                try {
                    return Optional.of(OffsetDateTime.parse(node.asText()).toInstant());
                } catch (DateTimeParseException e) {
                    try {
                        return Optional.of(Instant.parse(node.asText()));
                    } catch (DateTimeParseException ignored) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Email> emailOf(JsonNode item, String... fields) {
        Optional<String> text = item.isTextual() ? Optional.of(item.asText()) : firstText(item, fields);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Email.of(text.get()));
        } catch (DomainException notAnEmail) {
            return Optional.empty();
        }
    }

    private static Optional<String> firstText(JsonNode item, String... fields) {
        for (String field : fields) {
            JsonNode node = item.get(field);
            if (node != null && (node.isTextual() || node.isNumber()) && !node.asText().isBlank()) {
                return Optional.of(node.asText());
            }
        }
        return Optional.empty();
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node.isArray() ? node : List.of();
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_QUOTED ? line : line.substring(0, MAX_QUOTED) + "…";
    }

    private static TeamProviderException malformed(String message) {
        return new TeamProviderException(ProviderError.TRANSIENT, "unexpected answer from the ChatGPT API: " + message);
    }
}
