package io.invitehub.application.mail.service;

import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.fakes.RecordingMailer;
import io.invitehub.application.mail.port.out.MailQueue;
import io.invitehub.application.shared.port.out.MailTemplate;
import io.invitehub.application.shared.port.out.OutgoingMail;
import io.invitehub.domain.shared.Email;
import io.invitehub.domain.shared.Language;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The mail workers' step: sent, retried with a doubling backoff, given up after the last attempt or a permanent refusal. */
class MailDeliveryServiceTest {
    private final Fixture f = new Fixture();
    private final RecordingMailer mailer = new RecordingMailer();
    private final Queue queue = new Queue();
    private final MailDeliveryService service = new MailDeliveryService(f.storage.transactions(), queue, mailer, f.clock,
            new MailSettings(Duration.ofMinutes(2), 3, Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofDays(30)));
    private static final OutgoingMail MAIL = new OutgoingMail(Email.of("a@example.com"), Language.EN, MailTemplate.VERIFICATION_CODE,
            Map.of("code", "123456", "minutes", "10"));

    /** One mail row: due time, attempts, status. */
    private static final class Queue implements MailQueue {
        Instant due = Fixture.START;
        int attempts;
        String status = "PENDING";
        final List<String> errors = new ArrayList<>();

        @Override
        public Optional<ClaimedMail> claimNext(Instant now, Duration lease) {
            if (status.equals("SENT") || status.equals("FAILED") || now.isBefore(due)) {
                return Optional.empty();
            }
            attempts++;
            due = now.plus(lease);
            status = "SENDING";
            return Optional.of(new ClaimedMail(1, "t" + attempts, attempts, MAIL));
        }

        @Override
        public boolean sent(ClaimedMail mail, Instant now) {
            status = "SENT";
            return true;
        }

        @Override
        public boolean retryAt(ClaimedMail mail, Instant at, String error) {
            status = "PENDING";
            due = at;
            errors.add(error);
            return true;
        }

        @Override
        public int purgeSettled(Instant before, int limit) {
            return 0;
        }

        @Override
        public boolean failed(ClaimedMail mail, String error) {
            status = "FAILED";
            errors.add(error);
            return true;
        }
    }

    @Test
    void anOutageIsRetriedWithBackoffUntilTheServerTakesTheMail() {
        mailer.failNext(2, false);

        assertThat(service.deliverNext()).isTrue();
        assertThat(queue.status).isEqualTo("PENDING");
        assertThat(queue.due).isEqualTo(Fixture.START.plusSeconds(30));
        assertThat(service.deliverNext()).as("not due yet").isFalse();

        f.clock.advance(Duration.ofSeconds(30));
        assertThat(service.deliverNext()).isTrue();
        assertThat(queue.due).isEqualTo(Fixture.START.plusSeconds(30 + 60));

        f.clock.advance(Duration.ofSeconds(60));
        assertThat(service.deliverNext()).isTrue();
        assertThat(queue.status).isEqualTo("SENT");
        assertThat(mailer.sent()).containsExactly(MAIL);
        assertThat(queue.errors).containsExactly("connection refused (test outage)", "connection refused (test outage)");
    }

    @Test
    void theLastAttemptGivesUp() {
        mailer.failNext(3, false);
        for (int i = 0; i < 3; i++) {
            assertThat(service.deliverNext()).isTrue();
            f.clock.advance(Duration.ofMinutes(5));
        }
        assertThat(queue.status).isEqualTo("FAILED");
        assertThat(service.deliverNext()).isFalse();
        assertThat(mailer.sent()).isEmpty();
    }

    @Test
    void aPermanentRefusalGivesUpAtOnce() {
        mailer.failNext(1, true);
        assertThat(service.deliverNext()).isTrue();
        assertThat(queue.status).isEqualTo("FAILED");
        assertThat(queue.attempts).isEqualTo(1);
    }
}
