package io.invitehub.domain.webhook;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a webhook endpoint can subscribe to; {@link #wireName()} is the {@code type} of the delivered event
 * (docs/api.md, "Webhooks", describes each payload). STATEMENT_CONFIRMED is sent when staff confirm a monthly
 * statement (SPEC section 9, ADR 37).
 */
public enum EventType {
    CODE_REDEEMED("code.redeemed"),
    MEMBER_JOINED("member.joined"),
    MEMBER_REMOVED("member.removed"),
    ORDER_PAID("order.paid"),
    FULFILMENT_COMPLETED("fulfilment.completed"),
    STATEMENT_CONFIRMED("statement.confirmed");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> ofWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
