package io.invitehub.application.shared.service;

import io.invitehub.application.shared.port.in.RequestCaller;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ADR 84: inside a request whose authentication read the caller's account, the rules take that account instead of
 * reading it again — and refuse exactly as before: may not act, someone else's data, staff asking about a non-distributor.
 */
class CallerRulesRequestCallerTest {
    private final Map<UserId, User> stored = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final Users users = (Users) Proxy.newProxyInstance(Users.class.getClassLoader(), new Class<?>[]{Users.class},
            (proxy, method, args) -> {
                if (method.getName().equals("findById")) {
                    reads.incrementAndGet();
                    return Optional.ofNullable(stored.get((UserId) args[0]));
                }
                throw new UnsupportedOperationException(method.getName());
            });
    private final CallerRules rules = new CallerRules(users);

    private User user(long id, Role role, Approval approval) {
        User u = User.restore(new UserId(id), "u" + id, null, role, approval, "hash", 1);
        stored.put(u.id(), u);
        return u;
    }

    @Test
    void theAuthenticatedAccountIsNotReadAgain() {
        User a = user(1, Role.DISTRIBUTOR, Approval.APPROVED);
        try (RequestCaller ignored = RequestCaller.open(a)) {
            rules.ensureMayRead(a.id(), a.id());
            assertThat(rules.caller(a.id())).isSameAs(a);
        }
        assertThat(reads).hasValue(0);
        rules.ensureMayRead(a.id(), a.id());
        assertThat(reads).as("no request scope: read as before").hasValue(1);
    }

    @Test
    void anotherCallerIdThanTheAuthenticatedOneIsReadFromStorage() {
        User a = user(1, Role.DISTRIBUTOR, Approval.APPROVED);
        User b = user(2, Role.DISTRIBUTOR, Approval.APPROVED);
        try (RequestCaller ignored = RequestCaller.open(a)) {
            assertThat(rules.caller(b.id())).isSameAs(b);
        }
        assertThat(reads).hasValue(1);
    }

    @Test
    void theRefusalsStayTheSame() {
        User a = user(1, Role.DISTRIBUTOR, Approval.APPROVED);
        User b = user(2, Role.DISTRIBUTOR, Approval.APPROVED);
        User suspended = user(3, Role.DISTRIBUTOR, Approval.SUSPENDED);
        User operator = user(4, Role.OPERATOR, null);
        try (RequestCaller ignored = RequestCaller.open(a)) {
            assertThatThrownBy(() -> rules.ensureMayRead(a.id(), b.id())).isInstanceOfSatisfying(DomainException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
        try (RequestCaller ignored = RequestCaller.open(suspended)) {
            assertThatThrownBy(() -> rules.ensureMayRead(suspended.id(), suspended.id())).isInstanceOfSatisfying(DomainException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        }
        try (RequestCaller ignored = RequestCaller.open(operator)) {
            rules.ensureMayRead(operator.id(), a.id());
            assertThatThrownBy(() -> rules.ensureMayRead(operator.id(), operator.id())).isInstanceOfSatisfying(DomainException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
        assertThat(reads).as("only the distributors staff asked about").hasValue(2);
    }

    @Test
    void theScopeEndsWithTheRequestAndRestoresAnOuterOne() {
        User a = user(1, Role.DISTRIBUTOR, Approval.APPROVED);
        User b = user(2, Role.DISTRIBUTOR, Approval.APPROVED);
        try (RequestCaller outer = RequestCaller.open(a)) {
            try (RequestCaller inner = RequestCaller.open(b)) {
                assertThat(RequestCaller.of(a.id())).isEmpty();
                assertThat(RequestCaller.of(b.id())).contains(b);
            }
            assertThat(RequestCaller.of(a.id())).contains(a);
        }
        assertThat(RequestCaller.of(a.id())).isEmpty();
    }
}
