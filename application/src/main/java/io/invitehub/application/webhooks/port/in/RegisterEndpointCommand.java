package io.invitehub.application.webhooks.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A new endpoint as the caller typed it: its URL, the event types (wire names such as {@code code.redeemed}), a note. */
public record RegisterEndpointCommand(String url, List<String> events, Optional<String> description) {
    public RegisterEndpointCommand {
        events = List.copyOf(events);
        Objects.requireNonNull(description, "description");
    }
}
