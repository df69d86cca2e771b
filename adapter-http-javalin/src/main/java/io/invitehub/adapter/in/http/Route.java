package io.invitehub.adapter.in.http;

import io.invitehub.domain.user.Role;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One declared route: method, path, who may call it (an {@link Access} level, or public), the content
 * types its body may have, and its handler. Tools and tests walk these (the role matrix, the API
 * reference check, the fuzz test of the hardening work); the server installs them.
 */
public final class Route {
    /** What {@link #access()} says for a route that needs no sign-in. */
    public static final String PUBLIC = "PUBLIC";
    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";
    /** A multipart form: only the reference dialect's login (its client posts a {@code FormData}). */
    public static final String MULTIPART = "multipart/form-data";
    /** Where the reference dialect is mounted: every route under it belongs to {@link ReferenceRouteTable}. */
    public static final String REFERENCE_PREFIX = "/reference/api/v1";

    private final HandlerType method;
    private final String path;
    private final Optional<Access> access;
    private final Set<String> accepts;
    private final Handler handler;

    Route(HandlerType method, String path, Optional<Access> access, Set<String> accepts, Handler handler) {
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.access = Objects.requireNonNull(access, "access");
        this.accepts = Set.copyOf(accepts);
        this.handler = Objects.requireNonNull(handler, "handler");
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
     * The content types the route's body may have ({@link #JSON}, {@link #FORM}, {@link #MULTIPART}); empty when the route
     * reads no body. Declared only, for now: the server does not refuse other types yet.
     */
    public Set<String> accepts() {
        return accepts;
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
        return method() + " " + path + " (" + access() + (accepts.isEmpty() ? "" : ", accepts " + String.join(" or ", new java.util.TreeSet<>(accepts))) + ")";
    }
}
