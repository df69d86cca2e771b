package io.invitehub.application.contract;

import io.invitehub.application.accounts.port.out.VerificationCodes;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract of {@link VerificationCodes}, for the fake and every adapter. */
public abstract class AbstractVerificationCodesContract extends StorageContractSupport {

    @Test
    void aCodeIsStoredAndReplacedPerEmail() {
        txRun(() -> storage.verificationCodes().replace(ALICE, "hash-1", NOW));
        assertThat(storage.verificationCodes().find(ALICE)).contains(new VerificationCodes.Pending(ALICE, "hash-1", NOW, 0));
        assertThat(storage.verificationCodes().find(BOB)).isEmpty();

        assertThat(tx(() -> storage.verificationCodes().recordFailure(ALICE))).isEqualTo(1);
        assertThat(tx(() -> storage.verificationCodes().recordFailure(ALICE))).isEqualTo(2);
        txRun(() -> storage.verificationCodes().replace(ALICE, "hash-2", NOW.plus(Duration.ofMinutes(10))));

        assertThat(storage.verificationCodes().find(ALICE))
                .contains(new VerificationCodes.Pending(ALICE, "hash-2", NOW.plus(Duration.ofMinutes(10)), 0));
    }

    @Test
    void failuresAndRemovalOfAnUnknownEmailDoNothing() {
        assertThat(tx(() -> storage.verificationCodes().recordFailure(BOB))).isZero();
        txRun(() -> storage.verificationCodes().remove(BOB));
        assertThat(storage.verificationCodes().find(BOB)).isEmpty();
    }

    @Test
    void removeEndsTheCode() {
        txRun(() -> storage.verificationCodes().replace(ALICE, "hash-1", NOW));
        txRun(() -> storage.verificationCodes().replace(CAROL, "hash-3", NOW));

        txRun(() -> storage.verificationCodes().remove(ALICE));

        assertThat(storage.verificationCodes().find(ALICE)).isEmpty();
        assertThat(storage.verificationCodes().find(CAROL)).contains(new VerificationCodes.Pending(CAROL, "hash-3", NOW, 0));
    }
}
