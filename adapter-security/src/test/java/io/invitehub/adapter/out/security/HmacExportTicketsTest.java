package io.invitehub.adapter.out.security;

import io.invitehub.application.exports.port.in.ExportRequest;
import io.invitehub.application.exports.port.out.ExportTicket;
import io.invitehub.application.exports.view.ExportFilter;
import io.invitehub.application.exports.view.ExportKind;
import io.invitehub.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HmacExportTicketsTest {
    private static final byte[] SECRET = "export-test-secret-of-32-bytes!!".getBytes(StandardCharsets.US_ASCII);
    private final HmacExportTickets tickets = new HmacExportTickets(SECRET);

    private static ExportTicket ticket(ExportFilter filter) {
        return new ExportTicket(new UserId(7), new ExportRequest(ExportKind.SALES, new UserId(42), filter), Instant.ofEpochSecond(1_800_000_000L));
    }

    @Test
    void aSealedTicketOpensToTheSameTicketWithEveryFilter() {
        ExportFilter filter = new ExportFilter(Optional.of("JOINED"), Optional.of(Instant.parse("2026-11-01T00:00:00Z")),
                Optional.of(Instant.parse("2026-12-01T00:00:00Z")), Optional.of("客户&x=1 + %"), List.of("vip", "renewal-2027"),
                Optional.of(YearMonth.of(2026, 11)));
        String token = tickets.seal(ticket(filter));
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(tickets.open(token)).contains(ticket(filter));
        assertThat(tickets.open(tickets.seal(ticket(ExportFilter.NONE)))).contains(ticket(ExportFilter.NONE));
        // the ledger's entry kinds travel signed with the rest
        ExportTicket ledger = new ExportTicket(new UserId(7), new ExportRequest(ExportKind.LEDGER, new UserId(42), new ExportFilter(Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.of(YearMonth.of(2026, 11)), List.of("CHARGE", "REFUND"))),
                Instant.ofEpochSecond(1_800_000_000L));
        assertThat(tickets.open(tickets.seal(ledger))).contains(ledger);
        assertThat(tickets.open(tickets.seal(ledger)).orElseThrow().request().filter().kinds()).containsExactly("CHARGE", "REFUND");
    }

    @Test
    void aPlatformCodesTicketNamesNoDistributorAndCannotBeTurnedIntoOneThatDoes() {
        ExportTicket platform = new ExportTicket(new UserId(1), ExportRequest.platformCodes(new ExportFilter(Optional.of("DISABLED"),
                Optional.empty(), Optional.empty(), Optional.of("HUB2"), List.of(), Optional.empty())), Instant.ofEpochSecond(1_800_000_000L));
        String token = tickets.seal(platform);
        assertThat(tickets.open(token)).contains(platform);
        assertThat(tickets.open(token).orElseThrow().request().platform()).isTrue();
        int dot = token.indexOf('.');
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
        assertThat(payload).doesNotContain("d=");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString((payload + "&d=42").getBytes(StandardCharsets.UTF_8))
                + token.substring(dot);
        assertThat(tickets.open(forged)).isEmpty();
        assertThatThrownBy(() -> new ExportRequest(ExportKind.SALES, Optional.empty(), ExportFilter.NONE))
                .as("the platform has codes only").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anyChangeToTheTokenOrAnotherSecretRefusesIt() {
        String token = tickets.seal(ticket(ExportFilter.NONE));
        int dot = token.indexOf('.');
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
        assertThat(payload).contains("u=7").contains("d=42").contains("k=SALES");
        // the same signature over a payload naming another distributor
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replace("d=42", "d=43")
                .getBytes(StandardCharsets.UTF_8)) + token.substring(dot);
        assertThat(tickets.open(forged)).isEmpty();
        assertThat(tickets.open(token.substring(0, dot))).isEmpty();
        assertThat(tickets.open(token + ".x")).isEmpty();
        assertThat(tickets.open("not base64!." + token.substring(dot + 1))).isEmpty();
        assertThat(tickets.open("")).isEmpty();
        assertThat(new HmacExportTickets("another-secret-of-at-least-32-by".getBytes(StandardCharsets.US_ASCII)).open(token)).isEmpty();
        assertThatThrownBy(() -> new HmacExportTickets(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
