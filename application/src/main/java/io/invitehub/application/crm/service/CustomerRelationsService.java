package io.invitehub.application.crm.service;

import io.invitehub.application.crm.port.in.CustomerRelationsUseCase;
import io.invitehub.application.crm.port.out.CustomerBook;
import io.invitehub.application.crm.port.out.InvitationKey;
import io.invitehub.application.crm.view.CustomerInvitation;
import io.invitehub.application.crm.view.CustomerNote;
import io.invitehub.application.crm.view.CustomerView;
import io.invitehub.application.crm.view.NoteEdit;
import io.invitehub.application.crm.view.TagCount;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageCursor;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.shared.port.out.AuditEntry;
import io.invitehub.application.shared.port.out.AuditLog;
import io.invitehub.application.shared.port.out.TransactionRunner;
import io.invitehub.application.shared.port.out.Users;
import io.invitehub.application.shared.service.CallerRules;
import io.invitehub.domain.crm.NoteText;
import io.invitehub.domain.crm.Tag;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.User;
import io.invitehub.domain.user.UserId;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/** CRM lite: the distributor-only rule, "a customer is someone who redeemed one of my codes", the tag bound, note versions, audit. */
public final class CustomerRelationsService implements CustomerRelationsUseCase {
    static final String INVITATIONS = "customer";
    static final String HISTORY = "note-history";
    static final String TARGET = "CUSTOMER";

    private final TransactionRunner transactions;
    private final CustomerBook book;
    private final AuditLog audit;
    private final CallerRules rules;
    private final Clock clock;

    public CustomerRelationsService(TransactionRunner transactions, CustomerBook book, Users users, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.book = book;
        this.audit = audit;
        this.rules = new CallerRules(users);
        this.clock = clock;
    }

    @Override
    public CustomerView customer(UserId caller, Email customer, PageRequest page) {
        UserId me = distributor(caller);
        ensureCustomer(me, customer);
        Optional<InvitationKey> after = page.cursor().map(c -> key(c.keysOf(cursorKind(INVITATIONS, customer), 2)));
        List<CustomerInvitation> rows = book.invitations(me, customer, after, page.limit() + 1);
        Page<CustomerInvitation> invitations = page(rows, page, i -> PageCursor.of(cursorKind(INVITATIONS, customer),
                i.createdAt().toString(), i.id().value()));
        return new CustomerView(customer, book.tags(me, customer), book.note(me, customer), invitations);
    }

    @Override
    public List<Tag> addTag(UserId caller, Email customer, Tag tag) {
        User me = user(caller);
        return transactions.inTransaction(() -> {
            ensureCustomer(me.id(), customer);
            book.lock(me.id(), customer);
            List<Tag> tags = book.tags(me.id(), customer);
            if (tags.contains(tag)) {
                return tags;
            }
            if (tags.size() >= Tag.MAX_PER_CUSTOMER) {
                throw new DomainException(ErrorCode.CONFLICT, "a customer carries at most " + Tag.MAX_PER_CUSTOMER
                        + " tags; remove one first");
            }
            Instant now = clock.instant();
            book.addTag(me.id(), customer, tag, me.id(), now);
            audit.record(AuditEntry.of(Actor.of(me), "CUSTOMER_TAG_ADD", TARGET, customer.value(), tag.value(), now));
            return book.tags(me.id(), customer);
        });
    }

    @Override
    public List<Tag> removeTag(UserId caller, Email customer, Tag tag) {
        User me = user(caller);
        return transactions.inTransaction(() -> {
            ensureCustomer(me.id(), customer);
            book.lock(me.id(), customer);
            if (book.removeTag(me.id(), customer, tag)) {
                audit.record(AuditEntry.of(Actor.of(me), "CUSTOMER_TAG_REMOVE", TARGET, customer.value(), tag.value(), clock.instant()));
            }
            return book.tags(me.id(), customer);
        });
    }

    @Override
    public CustomerNote writeNote(UserId caller, Email customer, NoteText text, OptionalInt expectedVersion) {
        User me = user(caller);
        return transactions.inTransaction(() -> {
            ensureCustomer(me.id(), customer);
            book.lock(me.id(), customer);
            int current = book.note(me.id(), customer).map(CustomerNote::version).orElse(0);
            if (expectedVersion.isPresent() && expectedVersion.getAsInt() != current) {
                throw new DomainException(ErrorCode.CONFLICT, "the note is at version " + current + ", not "
                        + expectedVersion.getAsInt() + ": someone changed it; reload and edit again");
            }
            Instant now = clock.instant();
            CustomerNote written = book.writeNote(me.id(), customer, text, current + 1, me.id(), now);
            audit.record(AuditEntry.of(Actor.of(me), "CUSTOMER_NOTE", TARGET, customer.value(), "version " + written.version(), now));
            return written;
        });
    }

    @Override
    public Page<NoteEdit> noteHistory(UserId caller, Email customer, PageRequest page) {
        UserId me = distributor(caller);
        ensureCustomer(me, customer);
        String kind = cursorKind(HISTORY, customer);
        Optional<Long> before = page.cursor().map(c -> positive(c.longKey(kind, 1, 0)));
        List<NoteEdit> rows = book.history(me, customer, before, page.limit() + 1);
        return page(rows, page, e -> PageCursor.of(kind, e.id()));
    }

    @Override
    public List<TagCount> tags(UserId caller) {
        return book.tagCounts(distributor(caller));
    }

    private UserId distributor(UserId caller) {
        return user(caller).id();
    }

    /** The caller, who must be a distributor that may act: staff have no CRM. */
    private User user(UserId caller) {
        User user = rules.caller(caller);
        if (user.role() != Role.DISTRIBUTOR) {
            throw new DomainException(ErrorCode.FORBIDDEN, "notes and tags belong to a distributor's own customers");
        }
        return user;
    }

    private void ensureCustomer(UserId distributor, Email customer) {
        if (!book.isCustomer(distributor, customer)) {
            throw DomainException.notFound("no customer " + customer.masked() + " among your invitations");
        }
    }

    /** Cursors name the customer, so a cursor of one customer's list never positions another's. */
    private static String cursorKind(String list, Email customer) {
        return list + "." + Integer.toHexString(customer.value().hashCode());
    }

    private static InvitationKey key(List<String> keys) {
        try {
            return new InvitationKey(Instant.parse(keys.get(0)), positive(Long.parseLong(keys.get(1))));
        } catch (RuntimeException e) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "the cursor is not valid; start again from the first page");
        }
    }

    private static long positive(long id) {
        if (id <= 0) {
            throw DomainException.invalid(ErrorCode.VALIDATION_FAILED, "the cursor is not valid; start again from the first page");
        }
        return id;
    }

    private static <T> Page<T> page(List<T> rows, PageRequest page, Function<T, PageCursor> cursorOf) {
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> shown = rows.subList(0, page.limit());
        return new Page<>(shown, Optional.of(cursorOf.apply(shown.get(shown.size() - 1))));
    }
}
