package io.invitehub.application.crm.port.out;

import io.invitehub.application.crm.view.CustomerInvitation;
import io.invitehub.application.crm.view.CustomerNote;
import io.invitehub.application.crm.view.NoteEdit;
import io.invitehub.application.crm.view.TagCount;
import io.invitehub.domain.crm.NoteText;
import io.invitehub.domain.crm.Tag;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A distributor's book of customers: tags, notes with their versions, and the customers' invitations, per (distributor, e-mail). */
public interface CustomerBook {

    /** Whether {@code customer} has an invitation through one of {@code distributor}'s codes (one index probe). */
    boolean isCustomer(UserId distributor, Email customer);

    /** Serialises changes to one customer's tags and note until the transaction ends. */
    void lock(UserId distributor, Email customer);

    /** The customer's tags, in name order. */
    List<Tag> tags(UserId distributor, Email customer);

    void addTag(UserId distributor, Email customer, Tag tag, UserId by, Instant at);

    /** False when the tag was not there. */
    boolean removeTag(UserId distributor, Email customer, Tag tag);

    Optional<CustomerNote> note(UserId distributor, Email customer);

    /** Stores {@code text} as version {@code version} of the note, and that version in the history. */
    CustomerNote writeNote(UserId distributor, Email customer, NoteText text, int version, UserId by, Instant at);

    /** Versions older than {@code beforeId} (all when empty), newest first, at most {@code limit}. */
    List<NoteEdit> history(UserId distributor, Email customer, Optional<Long> beforeId, int limit);

    /** The customer's invitations through the distributor's codes after {@code after}, newest first, at most {@code limit}. */
    List<CustomerInvitation> invitations(UserId distributor, Email customer, Optional<InvitationKey> after, int limit);

    /** The distributor's tags with their customer counts, most used first, then by name. */
    List<TagCount> tagCounts(UserId distributor);
}
