package io.invitehub.application.crm.view;

import io.invitehub.domain.crm.Tag;

/** A tag the distributor uses, and on how many customers. */
public record TagCount(Tag tag, long customers) {
}
