package io.invitehub.application.exports.port.out;

import io.invitehub.application.exports.port.in.ExportRequest;
import io.invitehub.application.exports.view.RowSink;

import java.time.Instant;

/**
 * The rows of an export straight from SQL: in the order of the matching list, with its filters, read in
 * one read-only transaction through a server-side cursor (a bounded number of rows in memory at a time)
 * and handed to {@code sink} one by one. {@code now} decides time-dependent columns (a code's status);
 * members that ended before {@code endedSince} are no longer members (as in the members list).
 */
public interface ExportRows {
    long stream(ExportRequest request, Instant now, Instant endedSince, RowSink sink);
}
