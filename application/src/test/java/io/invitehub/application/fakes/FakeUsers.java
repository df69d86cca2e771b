package io.invitehub.application.fakes;

import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.view.AccountView;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

final class FakeUsers extends FakeTable implements Users {
    FakeUsers(MemoryTables db) {
        super(db);
    }

    @Override
    public User create(String username, String email, String passwordHash, Role role, Approval approval) {
        return atomically(() -> {
            // usernames are unique regardless of case (V19: unique index on lower(username))
            boolean taken = state.users.values().stream().anyMatch(u -> u.username().equalsIgnoreCase(username)
                    || (email != null && u.email().filter(email::equals).isPresent()));
            if (taken) {
                throw new DomainException(ErrorCode.CONFLICT, "username or e-mail is already taken");
            }
            long id = newId();
            User user = User.restore(new UserId(id), username, email, role, approval, passwordHash, 0);
            state.users.put(id, user);
            state.userCreatedAt.put(id, clock().instant());
            if (role == Role.DISTRIBUTOR) {
                // what the trigger of R__distributor_brands.sql does: the brand row, with the default slug
                io.invitehub.domain.brand.Slug slug = io.invitehub.domain.brand.Slug.defaultFor(username, id,
                        candidate -> state.brands.values().stream().anyMatch(b -> b.brand().slug().value().equals(candidate)));
                state.brands.put(id, new MemoryTables.BrandRow(io.invitehub.domain.brand.Brand.initial(slug), null));
            }
            return user;
        });
    }

    @Override
    public Optional<User> findById(UserId id) {
        return atomically(() -> Optional.ofNullable(state.users.get(id.value())));
    }

    @Override
    public Optional<User> findByUsername(String username) {
        return atomically(() -> state.users.values().stream().filter(u -> u.username().equals(username)).findFirst());
    }

    @Override
    public boolean anyWithRole(Role role) {
        return atomically(() -> state.users.values().stream().anyMatch(u -> u.role() == role));
    }

    @Override
    public Optional<User> changeApproval(UserId id, Approval from, Approval to, boolean revokeTokens) {
        return atomically(() -> Optional.ofNullable(state.users.get(id.value()))
                .filter(u -> u.role() == Role.DISTRIBUTOR && u.approval().filter(from::equals).isPresent())
                .map(u -> store(User.restore(u.id(), u.username(), u.email().orElse(null), u.role(), to, u.passwordHash(),
                        revokeTokens ? u.tokenVersion() + 1 : u.tokenVersion()))));
    }

    @Override
    public Optional<User> changePassword(UserId id, int expectedTokenVersion, String passwordHash) {
        return atomically(() -> Optional.ofNullable(state.users.get(id.value()))
                .filter(u -> u.tokenVersion() == expectedTokenVersion)
                .map(u -> store(User.restore(u.id(), u.username(), u.email().orElse(null), u.role(),
                        u.approval().orElse(null), passwordHash, u.tokenVersion() + 1))));
    }

    @Override
    public List<User> distributors(Approval approval, Optional<UserId> after, int limit) {
        return atomically(() -> state.users.tailMap(after.map(UserId::value).orElse(0L), false).values().stream()
                .filter(u -> u.role() == Role.DISTRIBUTOR && u.approval().filter(approval::equals).isPresent())
                .limit(limit)
                .collect(java.util.stream.Collectors.toList()));
    }

    @Override
    public void recordRejectionReason(UserId id, Optional<String> reason) {
        atomically(() -> {
            if (reason.isPresent()) {
                state.rejectionReasons.put(id.value(), reason.get());
            } else {
                state.rejectionReasons.remove(id.value());
            }
            return null;
        });
    }

    @Override
    public Optional<AccountView> account(UserId id) {
        return atomically(() -> Optional.ofNullable(state.users.get(id.value())).map(this::view));
    }

    @Override
    public List<AccountView> distributorAccounts(Set<Approval> approvals, Optional<UserId> after, int limit) {
        return atomically(() -> state.users.tailMap(after.map(UserId::value).orElse(0L), false).values().stream()
                .filter(u -> u.role() == Role.DISTRIBUTOR && u.approval().filter(approvals::contains).isPresent())
                .limit(limit)
                .map(this::view)
                .collect(java.util.stream.Collectors.toList()));
    }

    private AccountView view(User u) {
        return new AccountView(u.id(), u.username(), u.email(), u.role(), u.approval(),
                Optional.ofNullable(state.rejectionReasons.get(u.id().value())),
                state.userCreatedAt.getOrDefault(u.id().value(), Instant.EPOCH));
    }

    @Override
    public boolean hasCodesOrdersOrInvitations(UserId id) {
        return atomically(() -> referenced(id));
    }

    @Override
    public boolean hasSettlementOrCustomerRecords(UserId id) {
        return false; // the fakes keep no ledger, statements or CRM rows
    }

    @Override
    public boolean delete(UserId id) {
        return atomically(() -> {
            if (!state.users.containsKey(id.value())) {
                return false;
            }
            if (referenced(id)) {
                throw new DomainException(ErrorCode.CONFLICT, "the user is still referred to by codes, orders or invitations");
            }
            state.users.remove(id.value());
            state.userCreatedAt.remove(id.value());
            state.rejectionReasons.remove(id.value());
            state.brands.remove(id.value()); // ON DELETE CASCADE
            // like ON DELETE SET NULL on audit_log.actor_id
            state.audit.replaceAll(e -> e.actor().userId().filter(id::equals).isPresent()
                    ? new AuditEntry(io.invitehub.domain.user.Actor.system(), e.action(), e.targetType(), e.targetId(),
                    e.details(), e.at())
                    : e);
            return true;
        });
    }

    /** No orders exist in this storage yet; codes and invitations are what refer to a distributor. */
    private boolean referenced(UserId id) {
        return state.codes.values().stream().anyMatch(c -> id.equals(c.owner()))
                || state.invitations.values().stream().anyMatch(r -> r.invitation().distributorId().filter(id::equals).isPresent());
    }

    private User store(User user) {
        state.users.put(user.id().value(), user);
        return user;
    }
}
