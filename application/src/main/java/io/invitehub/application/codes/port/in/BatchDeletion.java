package io.invitehub.application.codes.port.in;

import io.invitehub.domain.code.RedeemCodeId;

import java.util.List;

/**
 * What a batch delete did, per id: deleted; kept because it was used or an invitation refers to it;
 * or not found (unknown, or not the caller's: the two are not told apart). Each id is listed once,
 * in ascending order.
 */
public record BatchDeletion(List<RedeemCodeId> deleted, List<RedeemCodeId> inUse, List<RedeemCodeId> notFound) {
    public static final int MAX_IDS = 500;

    public BatchDeletion {
        deleted = List.copyOf(deleted);
        inUse = List.copyOf(inUse);
        notFound = List.copyOf(notFound);
    }
}
