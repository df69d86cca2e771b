package io.invitehub.adapter.in.http.wire;

import java.util.Set;
import java.util.TreeSet;

/**
 * A request body of a content type its route does not declare (HTTP 415): a JSON-only route sent a form
 * or text, a form-only route sent JSON, or a route without a body sent one.
 */
public final class UnsupportedContent extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Set<String> accepted;

    public UnsupportedContent(String message, Set<String> accepted) {
        super(message);
        this.accepted = Set.copyOf(accepted);
    }

    /** The content types the route accepts (empty: it takes no body). */
    public Set<String> accepted() {
        return new TreeSet<>(accepted);
    }
}
