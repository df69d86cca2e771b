package io.invitehub.adapter.in.http;

import io.invitehub.application.port.in.AccountsUseCase;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may call a staff route, declared on the route itself; {@link #check(Context)} runs before every
 * matched route and is the only place where HTTP Basic credentials are read and roles compared.
 */
enum StaffAccess implements RouteRole {
    /** ADMIN and OPERATOR. */
    STAFF(EnumSet.of(Role.ADMIN, Role.OPERATOR)),
    /** ADMIN only. */
    ADMIN(EnumSet.of(Role.ADMIN));

    static final String USER_ATTRIBUTE = "invitehub.user";

    private final Set<Role> allowed;

    StaffAccess(Set<Role> allowed) {
        this.allowed = allowed;
    }

    /** A before-matched handler: routes without a StaffAccess role are public. */
    static Handler guard(AccountsUseCase accounts) {
        return ctx -> check(ctx, accounts);
    }

    private static void check(Context ctx, AccountsUseCase accounts) {
        StaffAccess required = null;
        for (RouteRole role : ctx.routeRoles()) {
            if (role instanceof StaffAccess) {
                required = (StaffAccess) role;
            }
        }
        if (required == null) {
            return;
        }
        String[] credentials = basicCredentials(ctx.header("Authorization"));
        if (credentials == null) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "Authentication required.");
        }
        char[] password = credentials[1].toCharArray();
        User user;
        try {
            user = accounts.authenticate(credentials[0], password);
        } finally {
            Arrays.fill(password, '\0');
        }
        if (!required.allowed.contains(user.role())) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Your role may not use this endpoint.");
        }
        ctx.attribute(USER_ATTRIBUTE, user);
    }

    /** {@code [username, password]}, or null when the header is missing or is not well-formed Basic credentials. */
    static String[] basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        return new String[]{decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
