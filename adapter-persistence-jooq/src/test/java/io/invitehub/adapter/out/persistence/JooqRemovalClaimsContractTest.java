package io.invitehub.adapter.out.persistence;

import io.invitehub.application.contract.AbstractRemovalClaimsContract;
import io.invitehub.application.contract.StoragePorts;
import io.invitehub.domain.code.RedeemCode;

import java.time.Instant;

/** The shared removal-claims contract on real PostgreSQL (the V4 claims, indexes and member_ends_at triggers). */
class JooqRemovalClaimsContractTest extends AbstractRemovalClaimsContract {
    private JooqStorage jooq;

    @Override
    protected StoragePorts newStorage() {
        jooq = JooqStorage.empty();
        return jooq;
    }

    @Override
    protected void activate(RedeemCode code, Instant at) {
        jooq.execute("update redeem_codes set activated_at = cast(? as timestamptz), member_expires_at = cast(? as timestamptz) + make_interval(days => validity_days) where id = ?",
                Rows.at(at), Rows.at(at), code.id().value());
    }
}
