package io.invitehub.application.crm.view;

import io.invitehub.application.shared.port.in.Page;
import io.invitehub.domain.crm.Tag;
import io.invitehub.domain.shared.Email;

import java.util.List;
import java.util.Optional;

/** The customer page: the e-mail, the distributor's tags and note on it, and its invitations through the distributor's codes. */
public record CustomerView(Email email, List<Tag> tags, Optional<CustomerNote> note, Page<CustomerInvitation> invitations) {
}
