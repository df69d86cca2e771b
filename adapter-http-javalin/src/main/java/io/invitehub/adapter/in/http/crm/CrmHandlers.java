package io.invitehub.adapter.in.http.crm;

import io.invitehub.adapter.in.http.wire.Field;
import io.invitehub.adapter.in.http.wire.HttpRequests;
import io.invitehub.adapter.in.http.wire.InvalidInput;
import io.invitehub.adapter.in.http.wire.RequestShape;
import io.invitehub.adapter.in.http.wire.ResponseShape;
import io.invitehub.application.crm.port.in.CustomerRelationsUseCase;
import io.invitehub.application.crm.view.CustomerInvitation;
import io.invitehub.application.crm.view.CustomerNote;
import io.invitehub.application.crm.view.CustomerView;
import io.invitehub.application.crm.view.NoteEdit;
import io.invitehub.domain.crm.NoteText;
import io.invitehub.domain.crm.Tag;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.UserId;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import static io.invitehub.adapter.in.http.wire.HttpRequests.body;
import static io.invitehub.adapter.in.http.wire.HttpRequests.caller;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pageRequest;
import static io.invitehub.adapter.in.http.wire.HttpRequests.pathParam;

/**
 * CRM lite (SPEC section 9, ADR 36): a distributor's tags and notes on its customers, the customer page with
 * the customer's invitations through the distributor's codes, and the distributor's tags. Always the caller's
 * own book: no distributor id is read from the request, and an e-mail that is not the caller's customer is 404.
 */
public final class CrmHandlers {
    private static final Field EMAIL = Field.email("email");
    /** A tag as typed: at most a few blanks more than a normalised tag. */
    private static final Field TAG = Field.text("tag", 64);

    public static final RequestShape CUSTOMER = RequestShape.none().path(EMAIL).query(HttpRequests.PAGE_PARAMETERS);
    public static final RequestShape ADD_TAG = RequestShape.none().path(EMAIL).body(TAG);
    public static final RequestShape REMOVE_TAG = RequestShape.none().path(EMAIL, TAG);
    public static final RequestShape NOTE = RequestShape.none().path(EMAIL)
            .body(Field.prose("body", NoteText.MAX_LENGTH + 100), Field.integer("version", 0, Integer.MAX_VALUE));
    public static final RequestShape HISTORY = RequestShape.none().path(EMAIL).query(HttpRequests.PAGE_PARAMETERS);
    public static final RequestShape TAGS = RequestShape.none();

    /** What each route answers (ADR 40). */
    public static final ResponseShape CUSTOMER_ANSWER = ResponseShape.ok(Customer.class);
    public static final ResponseShape TAGS_ANSWER = ResponseShape.ok(Tags.class);
    public static final ResponseShape NOTE_ANSWER = ResponseShape.ok(Note.class);
    public static final ResponseShape HISTORY_ANSWER = ResponseShape.page(Edit.class);
    public static final ResponseShape TAG_COUNTS_ANSWER = ResponseShape.list(TagCountRow.class);

    private final CustomerRelationsUseCase crm;

    public CrmHandlers(CustomerRelationsUseCase crm) {
        this.crm = Objects.requireNonNull(crm, "crm");
    }

    record CustomerInvitationRow(long id, String code, String teamName, String status, boolean rebind, Instant createdAt, Instant acceptedAt,
                      Instant endedAt) {
        static CustomerInvitationRow of(CustomerInvitation i) {
            return new CustomerInvitationRow(i.id().value(), i.code().display(), i.teamName().orElse(null), i.status().name(), i.rebind(),
                    i.createdAt(), i.acceptedAt().orElse(null), i.endedAt().orElse(null));
        }
    }

    record Note(String body, int version, Instant updatedAt, String updatedBy) {
        static Note of(CustomerNote n) {
            return new Note(n.body(), n.version(), n.updatedAt(), n.updatedBy().orElse(null));
        }
    }

    record Customer(String email, List<String> tags, Note note, List<CustomerInvitationRow> invitations, String nextCursor) {
        static Customer of(CustomerView v) {
            return new Customer(v.email().value(), names(v.tags()), v.note().map(Note::of).orElse(null),
                    v.invitations().items().stream().map(CustomerInvitationRow::of).collect(Collectors.toList()),
                    v.invitations().nextCursor().orElse(null));
        }
    }

    record Tags(String email, List<String> tags) {
    }

    record TagCountRow(String tag, long customers) {
    }

    record Edit(long id, int version, String body, Instant editedAt, String editedBy) {
        static Edit of(NoteEdit e) {
            return new Edit(e.id(), e.version(), e.body(), e.editedAt(), e.editedBy().orElse(null));
        }
    }

    record Page(List<Edit> items, String nextCursor) {
    }

    private record TagBody(String tag) {
    }

    private record NoteBody(String body, Integer version) {
    }

    public void customer(Context ctx) {
        ctx.json(Customer.of(crm.customer(me(ctx), email(ctx), pageRequest(ctx))));
    }

    public void addTag(Context ctx) {
        Email email = email(ctx);
        Tag tag = tag(HttpRequests.required(body(ctx, TagBody.class).tag(), "tag"));
        ctx.json(new Tags(email.value(), names(crm.addTag(me(ctx), email, tag))));
    }

    public void removeTag(Context ctx) {
        Email email = email(ctx);
        Tag tag = tag(pathParam(ctx, "tag"));
        ctx.json(new Tags(email.value(), names(crm.removeTag(me(ctx), email, tag))));
    }

    public void writeNote(Context ctx) {
        NoteBody body = body(ctx, NoteBody.class);
        if (body.body() == null) {
            throw new InvalidInput("body", "body is required (an empty string clears the note)");
        }
        NoteText text;
        try {
            text = new NoteText(body.body());
        } catch (DomainException tooLong) {
            throw new InvalidInput("body", tooLong.getMessage());
        }
        OptionalInt version = body.version() == null ? OptionalInt.empty() : OptionalInt.of(body.version());
        ctx.json(Note.of(crm.writeNote(me(ctx), email(ctx), text, version)));
    }

    public void noteHistory(Context ctx) {
        io.invitehub.application.shared.port.in.Page<NoteEdit> page = crm.noteHistory(me(ctx), email(ctx), pageRequest(ctx));
        ctx.json(new Page(page.items().stream().map(Edit::of).collect(Collectors.toList()), page.nextCursor().orElse(null)));
    }

    public void tags(Context ctx) {
        ctx.json(crm.tags(me(ctx)).stream().map(t -> new TagCountRow(t.tag().value(), t.customers())).collect(Collectors.toList()));
    }

    private static UserId me(Context ctx) {
        return caller(ctx).id();
    }

    private static Email email(Context ctx) {
        return Email.of(pathParam(ctx, "email"));
    }

    private static Tag tag(String typed) {
        try {
            return Tag.parse(typed);
        } catch (DomainException notATag) {
            throw new InvalidInput("tag", notATag.getMessage());
        }
    }

    private static List<String> names(List<Tag> tags) {
        return tags.stream().map(Tag::value).collect(Collectors.toList());
    }
}
