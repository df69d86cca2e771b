package io.invitehub.domain.user;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserTest {

    private static User user(Role role, Approval approval) {
        return User.restore(new UserId(1), "ann", "ann@host.com", role, approval, "hash-xyz", 0);
    }

    @Test
    void staffMayAlwaysAct() {
        assertThat(user(Role.ADMIN, null).mayAct()).isTrue();
        assertThat(user(Role.OPERATOR, null).mayAct()).isTrue();
        assertThat(Role.ADMIN.isStaff()).isTrue();
        assertThat(Role.OPERATOR.isStaff()).isTrue();
        assertThat(Role.DISTRIBUTOR.isStaff()).isFalse();
    }

    @Test
    void aDistributorMayActOnlyWhileApproved() {
        assertThat(user(Role.DISTRIBUTOR, Approval.APPROVED).mayAct()).isTrue();
        assertThat(user(Role.DISTRIBUTOR, Approval.PENDING).mayAct()).isFalse();
        assertThat(user(Role.DISTRIBUTOR, Approval.REJECTED).mayAct()).isFalse();
        assertThat(user(Role.DISTRIBUTOR, Approval.SUSPENDED).mayAct()).isFalse();
        assertThat(user(Role.DISTRIBUTOR, null).mayAct()).isFalse();
    }

    @Test
    void toStringNeverShowsThePasswordHash() {
        assertThat(user(Role.ADMIN, null).toString()).isEqualTo("User[1, ann, ADMIN]").doesNotContain("hash-xyz");
    }
}
