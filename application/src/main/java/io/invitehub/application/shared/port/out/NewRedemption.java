package io.invitehub.application.shared.port.out;

import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.invitation.Invitation;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RedeemCodes#redeemNew} did (ADR 58, ADR 64).
 *
 * @param outcome    {@link Outcome}
 * @param code       the code's row as it was locked, before the use (present when the use was taken)
 * @param invitation the new RESERVED invitation ({@link Outcome#SEATED} only)
 * @param seat       its seat ({@link Outcome#SEATED} only)
 */
public record NewRedemption(Outcome outcome, Optional<RedeemCode> code, Optional<Invitation> invitation,
                            Optional<SeatReservation> seat) {
    public enum Outcome {
        /**
         * Nothing written: a refusal, an idempotent repeat, or a storage that does not redeem in one statement.
         * The caller runs the redemption statement by statement, which gives the refusal or the repeat.
         */
        NOT_TAKEN,
        /** The use is taken and the e-mail bound; no seat was free right away: the caller continues with the cold path. */
        NO_SEAT,
        /** Use, seat and the RESERVED invitation written. */
        SEATED
    }

    public NewRedemption {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(invitation, "invitation");
        Objects.requireNonNull(seat, "seat");
        if (outcome != Outcome.NOT_TAKEN && code.isEmpty()) {
            throw new IllegalArgumentException(outcome + " without the code");
        }
        if ((outcome == Outcome.SEATED) != (invitation.isPresent() && seat.isPresent())) {
            throw new IllegalArgumentException(outcome + " with invitation " + invitation + " and seat " + seat);
        }
    }

    public static NewRedemption notTaken() {
        return new NewRedemption(Outcome.NOT_TAKEN, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static NewRedemption noSeat(RedeemCode code) {
        return new NewRedemption(Outcome.NO_SEAT, Optional.of(code), Optional.empty(), Optional.empty());
    }

    public static NewRedemption seated(RedeemCode code, Invitation invitation, SeatReservation seat) {
        return new NewRedemption(Outcome.SEATED, Optional.of(code), Optional.of(invitation), Optional.of(seat));
    }
}
