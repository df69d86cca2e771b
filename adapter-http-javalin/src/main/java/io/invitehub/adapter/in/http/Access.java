package io.invitehub.adapter.in.http;

import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.application.accounts.port.in.SignInUseCase;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may call a route, declared on the route itself: the table of roles per access level is this
 * enum. {@link #guard(SignInUseCase)} runs before every matched route and is the only place where bearer
 * tokens are read and roles compared; routes without an Access role are public. The authenticated
 * user is then available to handlers through {@link HttpRequests#caller(Context)} / {@link HttpRequests#actor(Context)}.
 */
enum Access implements RouteRole {
    /** ADMIN only: distributor approval, settings. */
    ADMIN(EnumSet.of(Role.ADMIN)),
    /** ADMIN and OPERATOR: teams, codes. */
    STAFF(EnumSet.of(Role.ADMIN, Role.OPERATOR)),
    /** An APPROVED distributor: its own data (the {@code /distributors/me} routes). */
    DISTRIBUTOR(EnumSet.of(Role.DISTRIBUTOR)),
    /** Staff or an APPROVED distributor: routes where the use case limits a distributor to its own data ({@code /redeem-codes}). */
    CODE_HOLDERS(EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.DISTRIBUTOR)),
    /** Any signed-in user (a distributor only while APPROVED): the own account. */
    SIGNED_IN(EnumSet.allOf(Role.class));

    static final String BEARER = "Bearer ";

    private final Set<Role> allowed;

    Access(Set<Role> allowed) {
        this.allowed = Collections.unmodifiableSet(allowed);
    }

    /** The roles this access level lets through. */
    Set<Role> allowed() {
        return allowed;
    }

    boolean permits(Role role) {
        return allowed.contains(role);
    }

    /** A before-matched handler checking the route's Access role. */
    static Handler guard(SignInUseCase signIn) {
        return ctx -> check(ctx, signIn);
    }

    private static void check(Context ctx, SignInUseCase signIn) {
        Access required = null;
        for (RouteRole role : ctx.routeRoles()) {
            if (role instanceof Access) {
                required = (Access) role;
            }
        }
        if (required == null) {
            return;
        }
        String token = bearerToken(ctx.header("Authorization"));
        if (token == null) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "Authentication required.");
        }
        User user = signIn.authenticate(token);
        if (!required.permits(user.role())) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Your role may not use this endpoint.");
        }
        if (user.mustChangePassword() && required != SIGNED_IN) {
            // a temporary password from an admin's reset (ADR 50): the own account and the password change only
            throw new DomainException(ErrorCode.PASSWORD_CHANGE_REQUIRED,
                    "This account signed in with a temporary password: change the password first (POST /api/v1/auth/change-password).");
        }
        ctx.attribute(HttpRequests.CALLER_ATTRIBUTE, user);
    }

    /** The token of a {@code Bearer} header, or null when the header is missing, of another scheme or empty. */
    static String bearerToken(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }
}
