package io.invitehub.application.crm.port.in;

import io.invitehub.application.crm.view.CustomerNote;
import io.invitehub.application.crm.view.CustomerView;
import io.invitehub.application.crm.view.NoteEdit;
import io.invitehub.application.crm.view.TagCount;
import io.invitehub.application.shared.port.in.Page;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.domain.crm.NoteText;
import io.invitehub.domain.crm.Tag;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.user.UserId;

import java.util.List;
import java.util.OptionalInt;

/**
 * CRM lite (SPEC section 9, ADR 36): a distributor's tags and notes on its customers, keyed by e-mail, seen
 * by that distributor only. The caller is the distributor (staff have no CRM: FORBIDDEN). A customer is an
 * e-mail with at least one invitation through the caller's codes; any other e-mail — nobody's, or another
 * distributor's customer — is NOT_FOUND alike, so nothing tells whose customer an e-mail is.
 */
public interface CustomerRelationsUseCase {

    /** The customer page; {@code page} pages its invitations, newest first. */
    CustomerView customer(UserId caller, Email customer, PageRequest page);

    /** Adds a tag (nothing when it is there already); at most {@link Tag#MAX_PER_CUSTOMER} per customer (CONFLICT). Returns the tags. */
    List<Tag> addTag(UserId caller, Email customer, Tag tag);

    /** Removes a tag (nothing when it is not there). Returns the tags. */
    List<Tag> removeTag(UserId caller, Email customer, Tag tag);

    /**
     * Writes the note as a new version. {@code expectedVersion}: the version the writer saw (0 when there was
     * none); another version is CONFLICT, so two editors never overwrite each other unknowingly. Empty text
     * clears the note; every version stays in the history.
     */
    CustomerNote writeNote(UserId caller, Email customer, NoteText text, OptionalInt expectedVersion);

    /** The note's versions, newest first. */
    Page<NoteEdit> noteHistory(UserId caller, Email customer, PageRequest page);

    /** The caller's tags with how many customers carry each, most used first. */
    List<TagCount> tags(UserId caller);
}
