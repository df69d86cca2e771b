package io.invitehub.adapter.in.http.reference;

import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageCursor;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Role;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The reference's conventions on the wire, in one place for its handlers: lower-case enum values, money as
 * integer fen (plans, orders) or as a JSON number of yuan (revenue estimates), its unpaged lists read as
 * consecutive keyset pages of InviteHub's use cases, and its {@code ?limit=} (default 100, larger asks
 * clamped to 1000, never an error).
 */
final class ReferenceWire {
    /** The reference's default for {@code ?limit=} of sales lists. */
    static final int DEFAULT_LIMIT = 100;
    /** The reference clamps {@code ?limit=} to this instead of refusing it (its sales page asks for 1000). */
    static final int MAX_LIMIT = 1000;
    /**
     * The most rows an unpaged reference list (codes, members, distributors, a code's records) answers. The
     * reference answered everything; InviteHub stops here and says so in docs/compatibility.md.
     */
    static final int MAX_LIST = 5000;

    /** The reference's {@code ?limit=}: any positive number (larger asks are clamped, see {@link #limit}). */
    static final Field LIMIT = Field.id("limit");

    private static final Pattern WHOLE_NUMBER = Pattern.compile("^[0-9]{1,9}$");

    private ReferenceWire() {
    }

    /** {@code admin}, {@code operator}, {@code distributor}: the reference compares roles in lower case. */
    static String role(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    /** Any enum value as the reference writes it: lower case. */
    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /**
     * An invitation's state in the reference's invite vocabulary: {@code waiting} (no seat yet), {@code pending}
     * (seat reserved, invite being sent), {@code success} (invite sent), {@code accepted} (joined; the reference's
     * sales page knows this value), and the other states in lower case ({@code removed}, {@code failed}, …).
     */
    static String inviteStatus(InvitationState state) {
        switch (state) {
            case RESERVED: return "pending";
            case INVITED: return "success";
            case JOINED: return "accepted";
            default: return lower(state);
        }
    }

    /** Money as integer minor units (fen for CNY), as the reference writes plan and order amounts. */
    static long fen(Money money) {
        return money.minorUnits();
    }

    /** Money as a JSON number in major units (yuan), as the reference writes revenue estimates. */
    static BigDecimal yuan(Money money) {
        return money.toMajor();
    }

    /** {@code ?limit=}: default 100, larger asks clamped to 1000 as the reference did; not a positive number is a 400. */
    static int limit(Context ctx) {
        String raw = HttpRequests.queryParam(ctx, "limit");
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        return (int) Math.min(HttpRequests.positiveId(raw.strip(), "limit"), MAX_LIMIT);
    }

    /** A positive whole-number query parameter with a default; anything else is a 400. */
    static int positiveParam(Context ctx, String name, int defaultValue, int max) {
        String raw = HttpRequests.queryParam(ctx, name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        if (!WHOLE_NUMBER.matcher(raw.strip()).matches() || Integer.parseInt(raw.strip()) < 1
                || Integer.parseInt(raw.strip()) > max) {
            throw HttpRequests.invalid(name + " must be a whole number between 1 and " + max);
        }
        return Integer.parseInt(raw.strip());
    }

    /**
     * The first {@code max} rows of a keyset-paginated use case, read page after page: how the reference's
     * unpaged lists are answered from InviteHub's paged ones.
     */
    static <T> List<T> first(int max, Function<PageRequest, Page<T>> query) {
        List<T> rows = new ArrayList<>();
        Optional<PageCursor> cursor = Optional.empty();
        while (rows.size() < max) {
            Page<T> page = query.apply(new PageRequest(Math.min(PageRequest.MAX_LIMIT, max - rows.size()), cursor));
            rows.addAll(page.items());
            if (page.next().isEmpty()) {
                break;
            }
            cursor = page.next();
        }
        return rows;
    }

    /** A string the reference's pages call string methods on without a null check: never null. */
    static String text(Optional<String> value) {
        return value.orElse("");
    }
}
