package io.invitehub.application.codes.service;

import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.fakes.SequenceCodeGenerator;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.shared.MalformedInputException;
import io.invitehub.domain.team.TeamGroupId;
import io.invitehub.domain.user.Approval;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeIssuingServiceTest {
    private final Fixture f = new Fixture();

    private CodeIssuingService service(SequenceCodeGenerator generator) {
        return new CodeIssuingService(f.storage.transactions(), f.storage.codes(), f.storage.users(), f.storage.teams(),
                generator, f.storage.auditLog(), f.clock);
    }

    private User user(String name, Role role) {
        return f.storage.transactions().inTransaction(() -> f.storage.users().create(name, name + "@host.com", "h", role,
                role == Role.DISTRIBUTOR ? Approval.APPROVED : null));
    }

    private static CodeTerms terms(Optional<UserId> owner, Optional<TeamGroupId> group) {
        return new CodeTerms(owner, 2, 60, Optional.of(Instant.parse("2026-01-01T00:00:00Z")), group, 1, Optional.of("grant"));
    }

    private List<Code> codes(int n) {
        List<Code> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            codes.add(f.nextCode());
        }
        return codes;
    }

    private static void assertNotFound(Runnable issue, String message) {
        assertThatThrownBy(issue::run).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void issuesExactlyTheRequestedCountOnTheGivenTerms() {
        User distributor = user("dist", Role.DISTRIBUTOR);
        TeamGroupId gold = f.group("gold");
        List<Code> generated = codes(5);
        SequenceCodeGenerator generator = new SequenceCodeGenerator(generated);

        List<Code> issued = service(generator).issue(new IssueCodesCommand(Fixture.STAFF, terms(Optional.of(distributor.id()), Optional.of(gold)), 5));

        assertThat(issued).containsExactlyInAnyOrderElementsOf(generated);
        assertThat(generator.handedOut()).isEqualTo(5);
        for (Code code : issued) {
            RedeemCode stored = f.storage.codes().findByCode(code).orElseThrow();
            assertThat(stored.owner()).contains(distributor.id());
            assertThat(stored.group()).contains(gold);
            assertThat(stored.maxUses()).isEqualTo(2);
            assertThat(stored.validityDays()).isEqualTo(60);
            assertThat(stored.expiresAt()).contains(Instant.parse("2026-01-01T00:00:00Z"));
            assertThat(stored.usedCount()).isZero();
            assertThat(stored.active()).isTrue();
        }
        assertThat(f.storage.auditLog().latest(10)).containsExactly(new AuditEntry(Fixture.STAFF, "CODES_GRANT", "USER",
                Long.toString(distributor.id().value()), Optional.of("count=5, max_uses=2, validity_days=60"), Fixture.START));
    }

    @Test
    void platformCodesHaveNoOwner() {
        List<Code> generated = codes(2);

        List<Code> issued = service(new SequenceCodeGenerator(generated)).issue(new IssueCodesCommand(Fixture.STAFF, terms(Optional.empty(), Optional.empty()), 2));

        assertThat(issued).containsExactlyInAnyOrderElementsOf(generated);
        assertThat(f.storage.codes().findByCode(generated.get(0)).orElseThrow().owner()).isEmpty();
    }

    @Test
    void regeneratesCodesThatCollideWithStoredOnesOrWithEachOther() {
        Code existing = f.code(1).code();
        List<Code> fresh = codes(3);
        Code a = fresh.get(0);
        Code b = fresh.get(1);
        Code c = fresh.get(2);
        SequenceCodeGenerator generator = new SequenceCodeGenerator(existing, a, b, a, c);

        List<Code> issued = service(generator).issue(new IssueCodesCommand(Fixture.STAFF, terms(Optional.empty(), Optional.empty()), 3));

        assertThat(issued).containsExactlyInAnyOrder(a, b, c);
        assertThat(generator.handedOut()).isEqualTo(5);
        assertThat(f.storage.codes().findByCode(existing).orElseThrow().maxUses()).isEqualTo(1);
        assertThat(f.storage.codes().findByCode(c).orElseThrow().maxUses()).isEqualTo(2);
    }

    @Test
    void duplicatesWithinOneRoundAreDrawnAgain() {
        List<Code> fresh = codes(2);
        SequenceCodeGenerator generator = new SequenceCodeGenerator(fresh.get(0), fresh.get(0), fresh.get(1));

        List<Code> issued = service(generator).issue(new IssueCodesCommand(Fixture.STAFF, terms(Optional.empty(), Optional.empty()), 2));

        assertThat(issued).containsExactlyInAnyOrderElementsOf(fresh);
        assertThat(generator.handedOut()).isEqualTo(3);
    }

    @Test
    void givesUpAfterTenRoundsAndStoresNothing() {
        Code existing = f.code(1).code();
        Code fresh = f.nextCode();
        List<Code> script = new ArrayList<>();
        script.add(fresh);
        script.addAll(Collections.nCopies(10, existing));
        SequenceCodeGenerator generator = new SequenceCodeGenerator(script);

        assertThatThrownBy(() -> service(generator).issue(new IssueCodesCommand(Fixture.STAFF, terms(Optional.empty(), Optional.empty()), 2)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("could not generate enough unique codes; use a longer code length");
                });

        assertThat(generator.handedOut()).isEqualTo(11);
        assertThat(f.storage.codes().findByCode(fresh)).isEmpty();
        assertThat(f.storage.rolledBackTransactions()).isEqualTo(1);
    }

    @Test
    void theOwnerMustBeADistributor() {
        User admin = user("root", Role.ADMIN);
        SequenceCodeGenerator generator = new SequenceCodeGenerator(codes(1));

        assertNotFound(() -> service(generator).issue(new IssueCodesCommand(Fixture.STAFF, terms(Optional.of(admin.id()), Optional.empty()), 1)),
                "distributor " + admin.id().value() + " does not exist");
        assertThat(generator.handedOut()).isZero();
    }

    @Test
    void anUnknownOwnerIsNotFound() {
        SequenceCodeGenerator generator = new SequenceCodeGenerator(codes(1));

        assertNotFound(() -> service(generator).issue(new IssueCodesCommand(Fixture.STAFF, terms(Optional.of(new UserId(4242)), Optional.empty()), 1)),
                "distributor 4242 does not exist");
        assertThat(generator.handedOut()).isZero();
    }

    @Test
    void anUnknownGroupIsNotFound() {
        List<Code> generated = codes(1);
        SequenceCodeGenerator generator = new SequenceCodeGenerator(generated);

        assertNotFound(() -> service(generator).issue(new IssueCodesCommand(Fixture.STAFF, terms(Optional.empty(), Optional.of(new TeamGroupId(4242))), 1)),
                "team group 4242 does not exist");
        assertThat(f.storage.codes().findByCode(generated.get(0))).isEmpty();
    }

    @Test
    void theCountIsBetweenOneAndTenThousand() {
        CodeTerms terms = terms(Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> new IssueCodesCommand(Fixture.STAFF, terms, 0)).isInstanceOf(MalformedInputException.class)
                .hasMessage("count must be between 1 and 10000");
        assertThatThrownBy(() -> new IssueCodesCommand(Fixture.STAFF, terms, 10_001)).isInstanceOf(MalformedInputException.class)
                .hasMessage("count must be between 1 and 10000");
        assertThat(new IssueCodesCommand(Fixture.STAFF, terms, 10_000).count()).isEqualTo(10_000);
    }
}
