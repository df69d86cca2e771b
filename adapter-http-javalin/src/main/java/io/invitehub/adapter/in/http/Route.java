package io.invitehub.adapter.in.http;

import io.invitehub.adapter.in.http.wire.ContentTypes;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.domain.user.Role;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One declared route: method, path, who may call it (an {@link Access} level, or public), the content
 * types its body may have, what it reads from the request (its {@link RequestShape}), and its handler.
 * Tools and tests walk these (the role matrix, the API reference check, the edge fuzz test); the server
 * installs them and admits every request through the shape before the handler runs (ADR 33).
 */
public final class Route {
    /** What {@link #access()} says for a route that needs no sign-in. */
    public static final String PUBLIC = "PUBLIC";
    public static final String JSON = ContentTypes.JSON;
    public static final String FORM = ContentTypes.FORM;
    /** A multipart form: only the reference dialect's login (its client posts a {@code FormData}). */
    public static final String MULTIPART = ContentTypes.MULTIPART;
    /** Where the reference dialect is mounted: every route under it belongs to {@link ReferenceRouteTable}. */
    public static final String REFERENCE_PREFIX = "/reference/api/v1";

    private final HandlerType method;
    private final String path;
    private final Optional<Access> access;
    private final Set<String> accepts;
    private final RequestShape shape;
    private final Handler handler;
    private final boolean idempotencyKeys;

    Route(HandlerType method, String path, Optional<Access> access, Set<String> accepts, RequestShape shape, Handler handler,
          boolean idempotencyKeys) {
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.access = Objects.requireNonNull(access, "access");
        this.accepts = Set.copyOf(accepts);
        this.shape = Objects.requireNonNull(shape, "shape");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.idempotencyKeys = idempotencyKeys;
    }

    /**
     * Whether the route takes an {@code Idempotency-Key} (ADR 44): every write of the JSON API except the
     * gateway's (its trade number is its idempotency) and the sign-in (its answer is a bearer token, never stored).
     */
    public boolean acceptsIdempotencyKey() {
        return idempotencyKeys;
    }

    /** {@code GET}, {@code POST}, … */
    public String method() {
        return method.name();
    }

    /** The path as Javalin matches it, with {@code {name}} parameters. */
    public String path() {
        return path;
    }

    /** The {@link Access} level's name, or {@link #PUBLIC}. */
    public String access() {
        return access.map(Enum::name).orElse(PUBLIC);
    }

    /** The roles that may call the route; empty for a public route (anyone, signed in or not). */
    public Set<Role> roles() {
        return access.map(Access::allowed).orElse(Set.of());
    }

    /**
     * The content types the route's body may have ({@link #JSON}, {@link #FORM}, {@link #MULTIPART} for the
     * reference dialect's login only); empty when the route reads no body. A body of any other type is refused with 415.
     */
    public Set<String> accepts() {
        return accepts;
    }

    /** What the route reads: its path and query parameters and body fields, each with its shape. */
    public RequestShape shape() {
        return shape;
    }

    /** True for a route of the reference dialect (under {@link #REFERENCE_PREFIX}), false for InviteHub's own API. */
    public boolean reference() {
        return path.startsWith(REFERENCE_PREFIX + "/");
    }

    HandlerType handlerType() {
        return method;
    }

    Optional<Access> guard() {
        return access;
    }

    Handler handler() {
        return handler;
    }

    @Override
    public String toString() {
        return method() + " " + path + " (" + access() + (accepts.isEmpty() ? "" : ", accepts " + String.join(" or ", new java.util.TreeSet<>(accepts)))
                + (idempotencyKeys ? ", Idempotency-Key" : "") + ")";
    }
}
