package io.invitehub.adapter.in.http.reference;

import io.invitehub.adapter.in.http.codes.CodeHandlers;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.codes.port.in.BatchDeletion;
import io.invitehub.application.codes.port.in.ManageCodesUseCase;
import io.invitehub.application.distributors.port.in.DistributorQueries;
import io.invitehub.application.distributors.view.CodeFilter;
import io.invitehub.application.distributors.view.CodeRecord;
import io.invitehub.application.distributors.view.CodeView;
import io.invitehub.domain.code.CodeStatus;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.caller;
import static io.invitehub.adapter.in.http.wire.HttpRequests.invalid;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pathId;
import static io.invitehub.adapter.in.http.wire.HttpRequests.positiveId;
import static io.invitehub.adapter.in.http.wire.HttpRequests.required;

/**
 * The reference's {@code /redeem-codes} routes: a distributor's own codes as {@code {codes, total}}, enable or
 * disable, delete one or a batch, and a code's redemption records. A distributor reaches only its own codes
 * (someone else's id answers 404 exactly like an unknown one); staff name the distributor with
 * {@code ?distributor_id=} (InviteHub lists codes per distributor).
 */
public final class ReferenceCodeHandlers {
    /** 100 years, as InviteHub's own grant route allows. */
    static final int MAX_EXPIRES_DAYS = 36_500;
    /** The reference reported at most this many error lines of a batch delete. */
    static final int MAX_BATCH_ERRORS = 10;

    /**
     * What each route reads (ADR 33). {@code is_active} is read as the reference did ({@code true}, {@code false},
     * {@code 1}, {@code 0}); the {@code team_id} its client may add is ignored, never read.
     */
    public static final RequestShape LIST = RequestShape.none().query(Field.token("is_active", 5), Field.token("code_type", 32),
            Field.id("distributor_id"));
    public static final RequestShape ONE = RequestShape.none().path(Field.id("id").labelled("code id"));
    public static final RequestShape DELETE_BATCH = RequestShape.none().body(Field.ids("ids", BatchDeletion.MAX_IDS));

    private final DistributorQueries readSide;
    private final ManageCodesUseCase manageCodes;

    public ReferenceCodeHandlers(DistributorQueries readSide, ManageCodesUseCase manageCodes) {
        this.readSide = Objects.requireNonNull(readSide, "readSide");
        this.manageCodes = Objects.requireNonNull(manageCodes, "manageCodes");
    }

    /**
     * One code. InviteHub's codes are all of the reference's {@code direct} type; {@code group_id},
     * {@code group_name} and {@code activated_at} are not part of the code list (null).
     */
    record CodeRow(long id, String code, String codeType, int maxUses, int usedCount, Instant expiresAt, boolean isActive, String note,
                   Long groupId, String groupName, Instant createdAt, int validityDays, Instant activatedAt, String boundEmail) {
        static CodeRow of(CodeView c) {
            return new CodeRow(c.id().value(), c.code().display(), "direct", c.maxUses(), c.usedCount(), c.expiresAt().orElse(null),
                    c.status() != CodeStatus.DISABLED, c.note().orElse(null), null, null, c.createdAt(), c.validityDays(), null,
                    c.boundEmail().map(Email::value).orElse(null));
        }
    }

    record Codes(List<CodeRow> codes, int total) {
    }

    record Toggled(String message, boolean isActive) {
    }

    record Message(String message) {
    }

    record DeleteCodes(List<Long> ids) {
    }

    record Deleted(int deleted, int skipped, List<String> errors) {
        static Deleted of(BatchDeletion d) {
            List<String> errors = Stream.concat(d.notFound().stream().map(id -> "ID " + id.value() + ": cannot be deleted"),
                    d.inUse().stream().map(id -> "ID " + id.value() + ": in use"))
                    .limit(MAX_BATCH_ERRORS).collect(Collectors.toList());
            return new Deleted(d.deleted().size(), d.notFound().size() + d.inUse().size(), errors);
        }
    }

    record Record(long id, String email, String teamName, String status, Instant createdAt, Instant acceptedAt) {
        static Record of(CodeRecord r) {
            return new Record(r.id().value(), r.email().value(), ReferenceWire.text(r.teamName()), ReferenceWire.inviteStatus(r.status()),
                    r.createdAt(), r.acceptedAt().orElse(null));
        }
    }

    record Records(String code, List<Record> records) {
    }

    /** {@code GET /redeem-codes?is_active=&code_type=}: newest first, all of them (up to the dialect's list cap). */
    public void list(Context ctx) {
        User caller = caller(ctx);
        UserId distributor = distributor(ctx, caller);
        Optional<Boolean> active = Optional.ofNullable(HttpRequests.queryParam(ctx, "is_active")).filter(s -> !s.isBlank()).map(ReferenceCodeHandlers::bool);
        String type = Optional.ofNullable(HttpRequests.queryParam(ctx, "code_type")).map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("");
        if (!type.isEmpty() && !type.equals("direct")) {
            ctx.json(new Codes(List.of(), 0)); // every InviteHub code is a direct one
            return;
        }
        CodeFilter filter = new CodeFilter(active.filter(a -> !a).map(a -> CodeStatus.DISABLED), Optional.empty());
        List<CodeRow> rows = ReferenceWire.first(ReferenceWire.MAX_LIST, page -> readSide.codes(caller.id(), distributor, filter, page))
                .stream().filter(c -> active.isEmpty() || !active.get() || c.status() != CodeStatus.DISABLED)
                .map(CodeRow::of).collect(Collectors.toList());
        ctx.json(new Codes(rows, rows.size()));
    }

    /** {@code PUT /redeem-codes/{id}/toggle}. */
    public void toggle(Context ctx) {
        CodeStatus status = manageCodes.toggle(caller(ctx).id(), codeId(ctx));
        boolean active = status != CodeStatus.DISABLED;
        ctx.json(new Toggled(active ? "Enabled." : "Disabled.", active));
    }

    /** {@code DELETE /redeem-codes/{id}}: a used code is refused (409, disable it instead). */
    public void delete(Context ctx) {
        manageCodes.delete(caller(ctx).id(), codeId(ctx));
        ctx.json(new Message("Deleted."));
    }

    /** {@code DELETE /redeem-codes/batch {ids}}: a count of deleted and skipped codes and the first error lines. */
    public void deleteBatch(Context ctx) {
        List<Long> ids = required(body(ctx, DeleteCodes.class).ids(), "ids");
        if (ids.isEmpty()) {
            throw invalid("choose the codes to delete (ids is empty)");
        }
        ctx.json(Deleted.of(manageCodes.deleteAll(caller(ctx).id(), CodeHandlers.codeIds(ids))));
    }

    /** {@code GET /redeem-codes/{id}/records}: the code and its invitations (rebinds included), newest first. */
    public void records(Context ctx) {
        UserId caller = caller(ctx).id();
        RedeemCodeId id = codeId(ctx);
        String code = readSide.code(caller, id).display();
        List<Record> rows = ReferenceWire.first(ReferenceWire.MAX_LIST, page -> readSide.codeRecords(caller, id, page)).stream()
                .map(Record::of).collect(Collectors.toList());
        ctx.json(new Records(code, rows));
    }

    private static UserId distributor(Context ctx, User caller) {
        Optional<UserId> named = Optional.ofNullable(HttpRequests.queryParam(ctx, "distributor_id")).filter(s -> !s.isBlank())
                .map(raw -> new UserId(positiveId(raw.strip(), "distributor_id")));
        if (caller.role().isStaff()) {
            return named.orElseThrow(() -> invalid("InviteHub lists codes per distributor: add ?distributor_id=<id>"));
        }
        return named.orElse(caller.id());
    }

    private static Boolean bool(String raw) {
        switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true": case "1": return Boolean.TRUE;
            case "false": case "0": return Boolean.FALSE;
            default: throw invalid("is_active must be true or false");
        }
    }

    private static RedeemCodeId codeId(Context ctx) {
        return new RedeemCodeId(pathId(ctx, "code id"));
    }
}
