package io.invitehub.application.contract;

import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of {@link io.invitehub.application.shared.port.out.AuditLog}, for the fake and every adapter. */
public abstract class AbstractAuditLogContract extends StorageContractSupport {

    @Test
    void entriesComeBackNewestFirstWithEveryField() {
        User admin = tx(() -> storage.users().create("root", null, "h", Role.ADMIN, null));
        AuditEntry first = AuditEntry.of(Actor.of(admin), "TEAM_CREATE", "TEAM", 7, "name=Blue", NOW);
        AuditEntry second = AuditEntry.of(Actor.system(), "ADMIN_CREATE", "USER", admin.id().value(), null, NOW.plus(Duration.ofSeconds(1)));
        AuditEntry sameTime = AuditEntry.of(Actor.of(admin), "CODES_ISSUE", "PLATFORM", "-", "count=3", NOW.plus(Duration.ofSeconds(1)));

        txRun(() -> storage.auditLog().record(first));
        txRun(() -> storage.auditLog().record(second));
        txRun(() -> storage.auditLog().record(sameTime));

        assertThat(storage.auditLog().latest(10)).containsExactly(sameTime, second, first);
        assertThat(storage.auditLog().latest(1)).containsExactly(sameTime);
        assertThat(second.details()).isEqualTo(Optional.empty());
    }

    @Test
    void anEntryIsPartOfTheTransactionOfTheWrite() {
        User admin = tx(() -> storage.users().create("root", null, "h", Role.ADMIN, null));

        assertThatThrownBy(() -> txRun(() -> {
            storage.auditLog().record(AuditEntry.of(Actor.of(admin), "TEAM_CREATE", "TEAM", 1, null, NOW));
            throw new IllegalStateException("the write failed");
        })).hasMessage("the write failed");

        assertThat(storage.auditLog().latest(10)).isEmpty();
    }

    @Test
    void aDeletedActorLeavesItsEntriesWithoutActor() {
        User shop = tx(() -> storage.users().create("shop", "s@dist.com", "h", Role.DISTRIBUTOR, Approval.PENDING));
        txRun(() -> storage.auditLog().record(AuditEntry.of(Actor.of(shop), "DISTRIBUTOR_REGISTER", "USER", shop.id().value(), null, NOW)));

        assertThat(tx(() -> storage.users().delete(shop.id()))).isTrue();

        assertThat(storage.auditLog().latest(10)).containsExactly(
                AuditEntry.of(Actor.system(), "DISTRIBUTOR_REGISTER", "USER", shop.id().value(), null, NOW));
    }
}
