package io.invitehub.adapter.in.http.codes;

import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.PageBody;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.application.codes.port.in.BatchDeletion;
import io.invitehub.application.distributors.port.in.DistributorQueries;
import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.codes.port.in.IssueCodesUseCase;
import io.invitehub.application.codes.port.in.ManageCodesUseCase;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.distributors.view.CodeFilter;
import io.invitehub.application.distributors.view.CodeRecord;
import io.invitehub.application.distributors.view.CodeView;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeStatus;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.code.RedeemCodeId;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.wire.HttpRequests.actor;
import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.caller;
import static io.invitehub.adapter.in.http.wire.HttpRequests.enumParam;
import static io.invitehub.adapter.in.http.wire.HttpRequests.group;
import static io.invitehub.adapter.in.http.wire.HttpRequests.invalid;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pageRequest;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pathId;
import static io.invitehub.adapter.in.http.wire.HttpRequests.positiveId;
import static io.invitehub.adapter.in.http.wire.HttpRequests.required;

/**
 * Redeem codes (SPEC sections 4 and 5): issuing (staff: platform codes and grants to a distributor), the
 * code list, enable/disable, deletion one by one or in a batch, and a code's redemption records. A
 * distributor reaches only its own codes: the use cases check the caller again.
 */
public final class CodeHandlers {
    // ---- what the routes answer (ADR 40) ----------------------------------------------------------
    public static final ResponseShape CODES_ANSWER = ResponseShape.page(CodeRow.class);
    public static final ResponseShape TOGGLED_ANSWER = ResponseShape.ok(Toggled.class);
    public static final ResponseShape DELETED_ANSWER = ResponseShape.ok(Deleted.class);
    public static final ResponseShape ISSUED_ANSWER = ResponseShape.created(IssuedCodes.class);
    public static final ResponseShape RECORDS_ANSWER = ResponseShape.page(Record.class);

    /** 100 years: far enough for any product, far from PostgreSQL's timestamp range. */
    static final int MAX_EXPIRES_DAYS = 36_500;
    /** {@code q}: a code prefix (as typed, with hyphens), bounded like an e-mail. */
    static final int MAX_SEARCH = 254;

    private static final java.util.List<Field> CODE_FILTER = java.util.List.of(Field.choice("status", CodeStatus.class),
            Field.text("q", MAX_SEARCH));
    private static final Field ID = Field.id("id").labelled("code id");

    /** What each route reads (ADR 33). */
    public static final RequestShape MY_CODES = RequestShape.none().query(CODE_FILTER).query(HttpRequests.PAGE_PARAMETERS);
    public static final RequestShape LIST = MY_CODES.query(Field.id("distributor_id"));
    public static final RequestShape ONE = RequestShape.none().path(ID);
    public static final RequestShape RECORDS = ONE.query(HttpRequests.PAGE_PARAMETERS);
    public static final RequestShape DELETE_BATCH = RequestShape.none().body(Field.ids("ids", BatchDeletion.MAX_IDS));
    public static final RequestShape PLATFORM_CODES = RequestShape.none().body(Field.integer("count", 1, IssueCodesCommand.MAX_COUNT),
            Field.integer("max_uses", 0, Integer.MAX_VALUE), Field.integer("validity_days", 1, CodeTerms.MAX_VALIDITY_DAYS),
            Field.integer("expires_days", 1, MAX_EXPIRES_DAYS), Field.prose("note", CodeTerms.MAX_NOTE_LENGTH), Field.id("group_id"));
    public static final RequestShape GRANT = PLATFORM_CODES.path(Field.id("id").labelled("distributor id"));

    private final DistributorQueries readSide;
    private final ManageCodesUseCase manageCodes;
    private final IssueCodesUseCase issueCodes;
    private final Clock clock;

    public CodeHandlers(DistributorQueries readSide, ManageCodesUseCase manageCodes, IssueCodesUseCase issueCodes, Clock clock) {
        this.readSide = Objects.requireNonNull(readSide, "readSide");
        this.manageCodes = Objects.requireNonNull(manageCodes, "manageCodes");
        this.issueCodes = Objects.requireNonNull(issueCodes, "issueCodes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---- request and response bodies (snake_case on the wire) ---------------------------------------

    record IssueCodes(Integer count, Integer maxUses, Integer validityDays, Integer expiresDays, String note, Long groupId) {
    }

    record DeleteCodes(List<Long> ids) {
    }

    record IssuedCodes(int count, List<String> codes) {
        static IssuedCodes of(List<Code> codes) {
            return new IssuedCodes(codes.size(), codes.stream().map(Code::display).collect(Collectors.toList()));
        }
    }

    record CodeRow(long id, String code, String status, boolean active, int usedCount, int maxUses, String usage,
                   Instant expiresAt, int validityDays, String boundEmail, String note, Instant createdAt) {
        static CodeRow of(CodeView c) {
            return new CodeRow(c.id().value(), c.code().display(), c.status().wireName(), c.status() != CodeStatus.DISABLED,
                    c.usedCount(), c.maxUses(), c.usedCount() + "/" + c.maxUses(), c.expiresAt().orElse(null), c.validityDays(),
                    c.boundEmail().map(Email::value).orElse(null), c.note().orElse(null), c.createdAt());
        }
    }

    record Toggled(long id, String status, boolean active) {
        static Toggled of(RedeemCodeId id, CodeStatus status) {
            return new Toggled(id.value(), status.wireName(), status != CodeStatus.DISABLED);
        }
    }

    record Deleted(int deletedCount, List<Long> deleted, List<Long> inUse, List<Long> notFound) {
        static Deleted of(BatchDeletion d) {
            return new Deleted(d.deleted().size(), ids(d.deleted()), ids(d.inUse()), ids(d.notFound()));
        }

        private static List<Long> ids(List<RedeemCodeId> ids) {
            return ids.stream().map(RedeemCodeId::value).collect(Collectors.toList());
        }
    }

    record Record(long id, String email, String teamName, String status, boolean rebind, Instant createdAt, Instant invitedAt,
                  Instant acceptedAt, Instant endedAt) {
        static Record of(CodeRecord r) {
            return new Record(r.id().value(), r.email().value(), r.teamName().orElse(null), r.status().name(), r.rebind(),
                    r.createdAt(), r.invitedAt().orElse(null), r.acceptedAt().orElse(null), r.endedAt().orElse(null));
        }
    }

    // ---- lists --------------------------------------------------------------------------------------

    /** {@code GET /distributors/me/codes}: the caller's own codes. */
    public void myCodes(Context ctx) {
        codes(ctx, caller(ctx).id());
    }

    /** {@code GET /redeem-codes}: a distributor's own codes; staff name the distributor with {@code distributor_id}. */
    public void listCodes(Context ctx) {
        User caller = caller(ctx);
        Optional<UserId> named = Optional.ofNullable(HttpRequests.queryParam(ctx, "distributor_id"))
                .map(raw -> new UserId(positiveId(raw, "distributor_id")));
        UserId distributor;
        if (caller.role().isStaff()) {
            distributor = named.orElseThrow(() -> invalid("distributor_id is required for staff"));
        } else {
            distributor = named.orElse(caller.id());
        }
        codes(ctx, distributor);
    }

    private void codes(Context ctx, UserId distributor) {
        Optional<CodeStatus> status = enumParam(ctx, "status", CodeStatus.class);
        CodeFilter filter = new CodeFilter(status, Optional.ofNullable(HttpRequests.queryParam(ctx, "q")));
        PageRequest page = pageRequest(ctx);
        PageBody.answer(ctx, readSide.codes(caller(ctx).id(), distributor, filter, page), CodeRow::of);
    }

    public void codeRecords(Context ctx) {
        RedeemCodeId id = codeId(ctx);
        PageRequest page = pageRequest(ctx);
        PageBody.answer(ctx, readSide.codeRecords(caller(ctx).id(), id, page), Record::of);
    }

    // ---- changes ------------------------------------------------------------------------------------

    public void toggle(Context ctx) {
        RedeemCodeId id = codeId(ctx);
        ctx.json(Toggled.of(id, manageCodes.toggle(caller(ctx).id(), id)));
    }

    public void delete(Context ctx) {
        manageCodes.delete(caller(ctx).id(), codeId(ctx));
        ctx.status(204);
    }

    /** {@code DELETE /redeem-codes/batch {"ids": [...]}}: what was deleted, what is in use, what was not found. */
    public void deleteBatch(Context ctx) {
        List<Long> ids = required(body(ctx, DeleteCodes.class).ids(), "ids");
        ctx.json(Deleted.of(manageCodes.deleteAll(caller(ctx).id(), codeIds(ids))));
    }

    /** The codes a batch names; an id that is missing or not positive is refused (both dialects' batch deletion). */
    public static List<RedeemCodeId> codeIds(List<Long> ids) {
        List<RedeemCodeId> codes = new ArrayList<>(ids.size());
        for (Long id : ids) {
            if (id == null || id < 1) {
                throw invalid("ids must be positive numbers");
            }
            codes.add(new RedeemCodeId(id));
        }
        return codes;
    }

    // ---- issuing (staff) ----------------------------------------------------------------------------

    /** {@code POST /distributors/{id}/grant-codes}: codes owned by the distributor. */
    public void grant(Context ctx) {
        UserId distributor = new UserId(pathId(ctx, "distributor id"));
        issue(ctx, Optional.of(distributor));
    }

    /** {@code POST /redeem-codes}: platform codes (no owner). */
    public void platformCodes(Context ctx) {
        issue(ctx, Optional.empty());
    }

    private void issue(Context ctx, Optional<UserId> owner) {
        IssueCodes request = body(ctx, IssueCodes.class);
        int count = required(request.count(), "count");
        int maxUses = required(request.maxUses(), "max_uses");
        int validityDays = required(request.validityDays(), "validity_days");
        Optional<Instant> expiresAt = Optional.ofNullable(request.expiresDays()).map(days -> {
            if (days < 1 || days > MAX_EXPIRES_DAYS) {
                throw invalid("expires_days must be between 1 and " + MAX_EXPIRES_DAYS);
            }
            return clock.instant().plus(Duration.ofDays(days));
        });
        CodeTerms terms = new CodeTerms(owner, maxUses, validityDays, expiresAt, group(request.groupId()),
                CodeTerms.DEFAULT_REBIND_LIMIT, Optional.ofNullable(request.note()));
        ctx.status(201).json(IssuedCodes.of(issueCodes.issue(new IssueCodesCommand(actor(ctx), terms, count))));
    }

    private static RedeemCodeId codeId(Context ctx) {
        return new RedeemCodeId(pathId(ctx, "code id"));
    }
}
