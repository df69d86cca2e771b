package io.invitehub.adapter.out.persistence;

import io.invitehub.adapter.out.persistence.generated.tables.CustomerNoteEdits;
import io.invitehub.adapter.out.persistence.generated.tables.CustomerNotes;
import io.invitehub.adapter.out.persistence.generated.tables.CustomerTags;
import io.invitehub.adapter.out.persistence.generated.tables.Users;
import io.invitehub.application.crm.port.out.CustomerBook;
import io.invitehub.application.crm.port.out.InvitationKey;
import io.invitehub.application.crm.view.CustomerInvitation;
import io.invitehub.application.crm.view.CustomerNote;
import io.invitehub.application.crm.view.NoteEdit;
import io.invitehub.application.crm.view.TagCount;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.crm.NoteText;
import io.invitehub.domain.crm.Tag;
import io.invitehub.domain.invitation.InvitationId;
import io.invitehub.domain.invitation.InvitationState;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.UserId;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.invitehub.adapter.out.persistence.JooqDistributorRecords.C;
import static io.invitehub.adapter.out.persistence.JooqDistributorRecords.I;
import static io.invitehub.adapter.out.persistence.JooqDistributorRecords.T;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;

/** CRM lite in PostgreSQL (V43, ADR 36): every query is one range of a (distributor, e-mail …) index. */
final class JooqCustomerBook implements CustomerBook {
    private static final CustomerTags TAGS = CustomerTags.CUSTOMER_TAGS;
    private static final CustomerNotes NOTES = CustomerNotes.CUSTOMER_NOTES;
    private static final CustomerNoteEdits EDITS = CustomerNoteEdits.CUSTOMER_NOTE_EDITS;
    private static final Users U = Users.USERS.as("u");

    private final DSLContext dsl;

    JooqCustomerBook(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public boolean isCustomer(UserId distributor, Email customer) {
        return dsl.fetchExists(DSL.selectOne().from(I).where(I.DISTRIBUTOR_ID.eq(distributor.value()).and(I.EMAIL.eq(customer.value()))));
    }

    @Override
    public void lock(UserId distributor, Email customer) {
        dsl.execute("select pg_advisory_xact_lock(hashtextextended(?, ?))", "crm:" + customer.value(), distributor.value());
    }

    @Override
    public List<Tag> tags(UserId distributor, Email customer) {
        return dsl.select(TAGS.TAG).from(TAGS).where(customerOf(distributor, customer)).orderBy(TAGS.TAG)
                .fetch(r -> new Tag(r.value1()));
    }

    @Override
    public void addTag(UserId distributor, Email customer, Tag tag, UserId by, Instant at) {
        dsl.insertInto(TAGS, TAGS.DISTRIBUTOR_ID, TAGS.EMAIL, TAGS.TAG, TAGS.CREATED_AT, TAGS.CREATED_BY)
                .values(distributor.value(), customer.value(), tag.value(), Rows.at(at), by.value())
                .onConflictDoNothing().execute();
    }

    @Override
    public boolean removeTag(UserId distributor, Email customer, Tag tag) {
        return dsl.deleteFrom(TAGS).where(customerOf(distributor, customer)).and(TAGS.TAG.eq(tag.value())).execute() > 0;
    }

    @Override
    public Optional<CustomerNote> note(UserId distributor, Email customer) {
        return dsl.select(NOTES.BODY, NOTES.VERSION, NOTES.UPDATED_AT, U.USERNAME)
                .from(NOTES).leftJoin(U).on(U.ID.eq(NOTES.UPDATED_BY))
                .where(NOTES.DISTRIBUTOR_ID.eq(distributor.value()).and(NOTES.EMAIL.eq(customer.value())))
                .fetchOptional(r -> new CustomerNote(r.value1(), r.value2(), Rows.instant(r.value3()), Optional.ofNullable(r.value4())));
    }

    @Override
    public CustomerNote writeNote(UserId distributor, Email customer, NoteText text, int version, UserId by, Instant at) {
        dsl.insertInto(NOTES, NOTES.DISTRIBUTOR_ID, NOTES.EMAIL, NOTES.BODY, NOTES.VERSION, NOTES.UPDATED_AT, NOTES.UPDATED_BY)
                .values(distributor.value(), customer.value(), text.value(), version, Rows.at(at), by.value())
                .onConflict(NOTES.DISTRIBUTOR_ID, NOTES.EMAIL).doUpdate()
                .set(NOTES.BODY, text.value()).set(NOTES.VERSION, version).set(NOTES.UPDATED_AT, Rows.at(at)).set(NOTES.UPDATED_BY, by.value())
                .execute();
        dsl.insertInto(EDITS, EDITS.DISTRIBUTOR_ID, EDITS.EMAIL, EDITS.VERSION, EDITS.BODY, EDITS.EDITED_AT, EDITS.EDITED_BY)
                .values(distributor.value(), customer.value(), version, text.value(), Rows.at(at), by.value()).execute();
        return note(distributor, customer).orElseThrow();
    }

    @Override
    public List<NoteEdit> history(UserId distributor, Email customer, Optional<Long> beforeId, int limit) {
        return dsl.select(EDITS.ID, EDITS.VERSION, EDITS.BODY, EDITS.EDITED_AT, U.USERNAME)
                .from(EDITS).leftJoin(U).on(U.ID.eq(EDITS.EDITED_BY))
                .where(EDITS.DISTRIBUTOR_ID.eq(distributor.value()).and(EDITS.EMAIL.eq(customer.value())))
                .and(beforeId.map(EDITS.ID::lt).orElse(noCondition()))
                .orderBy(EDITS.ID.desc()).limit(limit)
                .fetch(r -> new NoteEdit(r.value1(), r.value2(), r.value3(), Rows.instant(r.value4()), Optional.ofNullable(r.value5())));
    }

    @Override
    public List<CustomerInvitation> invitations(UserId distributor, Email customer, Optional<InvitationKey> after, int limit) {
        return dsl.select(I.ID, C.CODE, T.NAME, I.STATE, I.IS_REBIND, I.CREATED_AT, I.ACCEPTED_AT, I.ENDED_AT)
                .from(I).join(C).on(C.ID.eq(I.CODE_ID)).leftJoin(T).on(T.ID.eq(I.TEAM_ID))
                .where(I.DISTRIBUTOR_ID.eq(distributor.value()).and(I.EMAIL.eq(customer.value())))
                .and(after.map(k -> row(I.CREATED_AT, I.ID).lt(Rows.at(k.createdAt()), k.id())).orElse(noCondition()))
                .orderBy(I.CREATED_AT.desc(), I.ID.desc()).limit(limit)
                .fetch(r -> new CustomerInvitation(new InvitationId(r.value1()), new Code(r.value2()), Optional.ofNullable(r.value3()),
                        InvitationState.valueOf(r.value4()), r.value5(), Rows.instant(r.value6()), Optional.ofNullable(Rows.instant(r.value7())),
                        Optional.ofNullable(Rows.instant(r.value8()))));
    }

    @Override
    public List<TagCount> tagCounts(UserId distributor) {
        var customers = DSL.count().as("customers");
        return dsl.select(TAGS.TAG, customers).from(TAGS).where(TAGS.DISTRIBUTOR_ID.eq(distributor.value()))
                .groupBy(TAGS.TAG).orderBy(customers.desc(), TAGS.TAG)
                .fetch(r -> new TagCount(new Tag(r.value1()), r.value2()));
    }

    private static Condition customerOf(UserId distributor, Email customer) {
        return TAGS.DISTRIBUTOR_ID.eq(distributor.value()).and(TAGS.EMAIL.eq(customer.value()));
    }

    /**
     * Rows of {@code invitations} (aliased {@link JooqDistributorRecords#I}) whose customer carries every tag: one
     * probe of {@code customer_tags_pkey} per tag. The lists add it to their keyset query.
     */
    static Condition carriesAll(List<Tag> tags) {
        Condition all = noCondition();
        for (int i = 0; i < tags.size(); i++) {
            Tag tag = tags.get(i);
            CustomerTags t = CustomerTags.CUSTOMER_TAGS.as("ct" + i);
            all = all.and(DSL.exists(DSL.selectOne().from(t).where(t.DISTRIBUTOR_ID.eq(I.DISTRIBUTOR_ID))
                    .and(t.EMAIL.eq(I.EMAIL)).and(t.TAG.eq(tag.value()))));
        }
        return all;
    }
}
