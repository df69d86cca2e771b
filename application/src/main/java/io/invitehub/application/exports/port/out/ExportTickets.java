package io.invitehub.application.exports.port.out;

import java.util.Optional;

/** Seals export tickets into tokens and opens them again, refusing any token this service did not sign. */
public interface ExportTickets {

    /** A URL-safe token carrying the ticket and a signature over it. */
    String seal(ExportTicket ticket);

    /** The ticket of a token this service signed; empty when it is malformed or its signature does not match. */
    Optional<ExportTicket> open(String token);
}
