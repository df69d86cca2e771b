package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.records.RedeemCodesRecord;
import io.invitehub.application.shared.port.out.CodeUses;
import io.invitehub.domain.code.EmailMismatchException;
import io.invitehub.domain.code.RedeemCode;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.shared.Email;
import org.jooq.DSLContext;

import java.util.NoSuchElementException;

import static io.invitehub.adapter.out.persistence.generated.Tables.REDEEM_CODES;
import static org.jooq.impl.DSL.currentOffsetDateTime;

/** The counters of redeem codes in PostgreSQL: every change one conditional update (statistics by trigger, ADR 10). */
final class JooqCodeUses implements CodeUses {
    private final DSLContext dsl;
    /** The redemption's use + bind, rendered once (ADR 59). */
    private final RenderedStatement takeUseAndBind;

    JooqCodeUses(DSLContext dsl) {
        this.dsl = dsl;
        org.jooq.Param<Long> id = org.jooq.impl.DSL.param("id", REDEEM_CODES.ID.getDataType());
        org.jooq.Param<String> email = org.jooq.impl.DSL.param("email", REDEEM_CODES.BOUND_EMAIL.getDataType());
        // one row version and one run of the statistics trigger instead of two
        this.takeUseAndBind = RenderedStatement.of(dsl, dsl.update(REDEEM_CODES)
                .set(REDEEM_CODES.USED_COUNT, REDEEM_CODES.USED_COUNT.plus(1))
                .set(REDEEM_CODES.BOUND_EMAIL, email)
                .set(REDEEM_CODES.UPDATED_AT, currentOffsetDateTime())
                .where(REDEEM_CODES.ID.eq(id))
                .and(REDEEM_CODES.MAX_USES.eq(0).or(REDEEM_CODES.USED_COUNT.lt(REDEEM_CODES.MAX_USES)))
                .and(REDEEM_CODES.BOUND_EMAIL.isNull().or(REDEEM_CODES.BOUND_EMAIL.eq(email)))
                .returning(REDEEM_CODES.ID), "id", "email");
    }

    @Override
    public void takeUseAndBind(RedeemCodeId id, Email email) {
        int updated = takeUseAndBind.update(dsl, id.value(), email.value());
        if (updated == 0) {
            // refused: say why, used up before a mismatch
            RedeemCodesRecord r = dsl.selectFrom(REDEEM_CODES).where(REDEEM_CODES.ID.eq(id.value())).fetchOptional()
                    .orElseThrow(() -> new NoSuchElementException("no redeem code " + id.value()));
            if (r.getMaxUses() > 0 && r.getUsedCount() >= r.getMaxUses()) {
                throw RedeemCode.usedUp();
            }
            throw new EmailMismatchException(Email.of(r.getBoundEmail()));
        }
    }

    @Override
    public boolean giveUseBack(InvitationId invitation) {
        // One statement: the invitation's holds_use flag flips at most once, and only the statement
        // that flips it decrements the code's counter.
        int updated = dsl.execute(
                "with released as ("
                        + " update invitations set holds_use = false, updated_at = now()"
                        + " where id = ? and holds_use returning code_id)"
                        + " update redeem_codes set used_count = greatest(used_count - 1, 0), updated_at = now()"
                        + " from released where redeem_codes.id = released.code_id",
                invitation.value());
        return updated > 0;
    }

    @Override
    public boolean moveUse(InvitationId from, InvitationId to) {
        // one statement: both flags flip together, only when the use is where it should be
        return dsl.execute("update invitations i set holds_use = (i.id = ?), updated_at = now()"
                + " where i.id in (?, ?)"
                + " and exists (select 1 from invitations f where f.id = ? and f.holds_use)"
                + " and exists (select 1 from invitations t where t.id = ? and not t.holds_use"
                + "             and t.code_id = (select code_id from invitations c where c.id = ?))",
                to.value(), from.value(), to.value(), from.value(), to.value(), from.value()) == 2;
    }

    @Override
    public boolean takeRebind(RedeemCodeId id) {
        return dsl.update(REDEEM_CODES)
                .set(REDEEM_CODES.REBIND_COUNT, REDEEM_CODES.REBIND_COUNT.plus(1))
                .set(REDEEM_CODES.UPDATED_AT, currentOffsetDateTime())
                .where(REDEEM_CODES.ID.eq(id.value()))
                .and(REDEEM_CODES.REBIND_COUNT.lt(REDEEM_CODES.REBIND_LIMIT))
                .execute() > 0;
    }

    @Override
    public void giveRebindBack(RedeemCodeId id) {
        dsl.execute("update redeem_codes set rebind_count = greatest(rebind_count - 1, 0), updated_at = now() where id = ?",
                id.value());
    }
}
