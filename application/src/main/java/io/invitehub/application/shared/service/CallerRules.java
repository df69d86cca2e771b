package io.invitehub.application.shared.service;

import io.invitehub.application.shared.port.in.RequestCaller;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

/** Who may read or change what on the distributor side. */
public final class CallerRules {
    private final Users users;

    public CallerRules(Users users) {
        this.users = users;
    }

    /**
     * The caller, who must exist (else UNAUTHORIZED) and may act (else FORBIDDEN): the account the authentication of
     * this request read when it is this caller ({@link RequestCaller}, ADR 84), else the account as stored now.
     */
    public User caller(UserId caller) {
        User user = RequestCaller.of(caller).or(() -> users.findById(caller))
                .orElseThrow(() -> new DomainException(ErrorCode.UNAUTHORIZED, "unknown caller"));
        if (!user.mayAct()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "this account may not act (approval pending, rejected or suspended)");
        }
        return user;
    }

    public static boolean isStaff(User user) {
        return user.role() == Role.ADMIN || user.role() == Role.OPERATOR;
    }

    /** Refuses unless the caller is staff, or is {@code distributor} itself; someone else's data is NOT_FOUND. */
    public void ensureMayRead(UserId caller, UserId distributor) {
        User user = caller(caller);
        if (isStaff(user)) {
            boolean exists = users.findById(distributor).filter(u -> u.role() == Role.DISTRIBUTOR).isPresent();
            if (!exists) {
                throw DomainException.notFound("distributor " + distributor.value() + " does not exist");
            }
        } else if (!user.id().equals(distributor)) {
            throw DomainException.notFound("distributor " + distributor.value() + " does not exist");
        }
    }

    public void ensureStaff(UserId caller) {
        if (!isStaff(caller(caller))) {
            throw new DomainException(ErrorCode.FORBIDDEN, "only staff may list distributors");
        }
    }
}
