package io.invitehub.domain.user;

import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActorTest {
    private static final Actor ADMIN = Actor.of(new UserId(1), Role.ADMIN);
    private static final Actor OPERATOR = Actor.of(new UserId(2), Role.OPERATOR);
    private static final Actor DISTRIBUTOR = Actor.of(new UserId(3), Role.DISTRIBUTOR);

    @Test
    void aRoleGuardRefusesOtherRolesWithItsMessageAndLetsTheSystemThrough() {
        assertThatCode(() -> ADMIN.requireAnyOf("admins only", Role.ADMIN)).doesNotThrowAnyException();
        assertThatCode(() -> Actor.system().requireAnyOf("admins only", Role.ADMIN)).doesNotThrowAnyException();
        assertThatThrownBy(() -> OPERATOR.requireAnyOf("admins only", Role.ADMIN))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(e.getMessage()).isEqualTo("admins only");
                });
    }

    @Test
    void staffMeansAdminOrOperator() {
        assertThatCode(ADMIN::requireStaff).doesNotThrowAnyException();
        assertThatCode(OPERATOR::requireStaff).doesNotThrowAnyException();
        assertThatThrownBy(DISTRIBUTOR::requireStaff).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN)).hasMessage("Only staff may do this.");
    }
}
