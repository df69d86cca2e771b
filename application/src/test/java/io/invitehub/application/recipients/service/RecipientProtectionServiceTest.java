package io.invitehub.application.recipients.service;

import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.fakes.InMemoryRateLimiter;
import io.invitehub.application.fakes.RecordingWakeUps;
import io.invitehub.application.recipients.view.BlockEntry;
import io.invitehub.application.recipients.view.BlockKind;
import io.invitehub.application.redemption.port.in.RedeemCommand;
import io.invitehub.application.redemption.service.RedeemService;
import io.invitehub.application.shared.service.RedemptionSettings;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.RateLimitedException;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecipientProtectionServiceTest {
    private static final Email ALICE = Email.of("alice@host.com");
    private static final Actor OPERATOR = Actor.of(new UserId(99), Role.OPERATOR);

    private final Fixture f = new Fixture();
    private final Actor ADMIN = Actor.of(f.storage.transactions().inTransaction(() -> f.storage.users().create("admin",
            "admin@hub.com", "hash", Role.ADMIN, null)));
    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(f.clock);
    private final RecipientProtectionService service = new RecipientProtectionService(f.storage.transactions(),
            f.storage.recipients(), f.storage.codes(), f.storage.auditLog(), limiter, RedemptionSettings.defaults(), f.clock);
    private final RedeemService redeem = new RedeemService(f.storage.transactions(), f.storage.codes(), f.storage.invitations(),
            f.storage.teams(), InMemoryRateLimiter.unlimited(), new RecordingWakeUps(), f.clock, RedemptionSettings.defaults(),
            new RecipientPolicy(f.storage.recipients(), RecipientSettings.defaults()));

    private static void assertCode(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void anAdminBlocksAddressesAndDomainsInTheirNormalFormAndEveryWriteIsAudited() {
        BlockEntry email = service.block(ADMIN, "  Alice@Host.COM ", Optional.of(" harassment report "));
        BlockEntry domain = service.block(ADMIN, "@Spam.Example", Optional.empty());

        assertThat(email.kind()).isEqualTo(BlockKind.EMAIL);
        assertThat(email.value()).isEqualTo("alice@host.com");
        assertThat(email.reason()).contains("harassment report");
        assertThat(domain.kind()).isEqualTo(BlockKind.DOMAIN);
        assertThat(domain.value()).isEqualTo("spam.example");
        assertThat(service.blocks(ADMIN, Optional.empty(), 10)).containsExactly(email, domain);
        assertCode(() -> service.block(ADMIN, "alice@host.com", Optional.empty()), ErrorCode.CONFLICT);

        service.unblock(ADMIN, domain.id());
        assertCode(() -> service.unblock(ADMIN, domain.id()), ErrorCode.NOT_FOUND);
        assertThat(f.storage.auditLog().latest(10)).extracting(e -> e.action())
                .containsExactly("RECIPIENT_UNBLOCK", "RECIPIENT_BLOCK", "RECIPIENT_BLOCK");
        assertThat(f.storage.auditLog().latest(10).get(2).details()).contains("EMAIL a***e@host.com");
    }

    @Test
    void malformedValuesAndNonAdminsAreRefusedAndChangeNothing() {
        assertCode(() -> service.block(ADMIN, "not a domain", Optional.empty()), ErrorCode.VALIDATION_FAILED);
        assertCode(() -> service.block(ADMIN, "localhost", Optional.empty()), ErrorCode.VALIDATION_FAILED);
        assertCode(() -> service.block(ADMIN, " ", Optional.empty()), ErrorCode.VALIDATION_FAILED);
        assertCode(() -> service.block(ADMIN, "x@", Optional.empty()), ErrorCode.INVALID_EMAIL);
        assertCode(() -> service.block(OPERATOR, "host.com", Optional.empty()), ErrorCode.FORBIDDEN);
        assertCode(() -> service.blocks(OPERATOR, Optional.empty(), 10), ErrorCode.FORBIDDEN);
        assertCode(() -> service.liftOptOut(OPERATOR, ALICE), ErrorCode.FORBIDDEN);
        assertThat(f.storage.recipients().blocks(Optional.empty(), 10)).isEmpty();
        assertThat(f.storage.auditLog().latest(10)).isEmpty();
    }

    @Test
    void theOwnerOptsOutWithTheCodeBoundToTheEmailAndFurtherRedemptionsAreRefusedUntilAnAdminLiftsIt() {
        f.team("Blue", 5);
        RedeemCode code = f.code(1);
        RedeemCode another = f.code(1);
        var invitation = redeem.redeem(new RedeemCommand(code.code(), ALICE, "10.0.0.1")).invitation();
        f.storage.transactions().inTransaction(() -> f.storage.invitations().transition(invitation.id(),
                io.invitehub.domain.invitation.InvitationState.RESERVED, io.invitehub.domain.invitation.InvitationState.CANCELLED,
                f.clock.instant(), "test"));

        assertThat(service.optOut(code.code(), ALICE, "10.0.0.1")).isTrue();
        assertThat(service.optOut(code.code(), ALICE, "10.0.0.1")).as("already recorded").isFalse();
        assertCode(() -> redeem.redeem(new RedeemCommand(another.code(), ALICE, "10.0.0.2")), ErrorCode.RECIPIENT_OPTED_OUT);

        service.liftOptOut(ADMIN, ALICE);
        assertCode(() -> service.liftOptOut(ADMIN, ALICE), ErrorCode.NOT_FOUND);
        assertThat(f.storage.recipients().isOptedOut(ALICE)).isFalse();
    }

    @Test
    void anOptOutWithoutProofIsNotFoundCountsAgainstTheCodeAndIsLimitedPerAddress() {
        f.team("Blue", 5);
        RedeemCode code = f.code(1);
        redeem.redeem(new RedeemCommand(code.code(), ALICE, "10.0.0.1"));

        assertCode(() -> service.optOut(code.code(), Email.of("bob@host.com"), "10.0.0.9"), ErrorCode.NOT_FOUND);
        assertCode(() -> service.optOut(f.nextCode(), ALICE, "10.0.0.9"), ErrorCode.NOT_FOUND);
        assertThat(limiter.count(RedemptionSettings.defaults().failuresPerCode(), code.code().value())).isEqualTo(1);
        assertThat(f.storage.recipients().isOptedOut(Email.of("bob@host.com"))).isFalse();
        for (int i = 0; i < 3; i++) {
            assertCode(() -> service.optOut(code.code(), Email.of("carol@host.com"), "10.0.0.9"), ErrorCode.NOT_FOUND);
        }
        assertThatThrownBy(() -> service.optOut(code.code(), ALICE, "10.0.0.9")).isInstanceOf(RateLimitedException.class);
        assertThat(f.storage.recipients().isOptedOut(ALICE)).isFalse();
    }
}
