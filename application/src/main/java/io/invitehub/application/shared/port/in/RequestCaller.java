package io.invitehub.application.shared.port.in;

import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.util.Objects;
import java.util.Optional;

/**
 * The account the authentication of the request now running on this thread read (ADR 84), so the caller rules of the use
 * cases it calls do not read the same {@code users} row again: one read per request instead of two.
 *
 * <p>Only an inbound adapter that has just authenticated the request opens it, with the user its authentication
 * returned for this request ({@code SignInUseCase.authenticate}), around the handler of that one request, and closes it
 * when the handler returns ({@code try}-with-resources): it never outlives the request, so it is exactly as fresh as the
 * authentication's own checks of that request (token version, may act, role). A use case asked about another caller
 * id, or called on a thread with no scope open (workers, jobs, other adapters, a handler's work moved to another
 * thread), reads the account itself as before.
 */
public final class RequestCaller implements AutoCloseable {
    private static final ThreadLocal<User> CURRENT = new ThreadLocal<>();

    private final User previous;

    private RequestCaller(User previous) {
        this.previous = previous;
    }

    /** Makes {@code authenticated} the caller of the request running on this thread until {@link #close()}. */
    public static RequestCaller open(User authenticated) {
        Objects.requireNonNull(authenticated, "authenticated");
        RequestCaller scope = new RequestCaller(CURRENT.get());
        CURRENT.set(authenticated);
        return scope;
    }

    /** The account this request's authentication read, when {@code caller} is its user; empty otherwise. */
    public static Optional<User> of(UserId caller) {
        User user = CURRENT.get();
        return user != null && user.id().equals(caller) ? Optional.of(user) : Optional.empty();
    }

    @Override
    public void close() {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
