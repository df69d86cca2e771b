package io.invitehub.application.idempotency.port.in;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a write, as the inbound adapter produced it: a status number, its media type and body bytes;
 * {@code kept} says whether a repeat of the request gets it again (a definite outcome) or the request may
 * simply be tried again (a transient refusal, a server failure: nothing is kept, the write is rolled back).
 */
public record RecordedAnswer(int status, Optional<String> contentType, byte[] body, boolean kept) {
    public RecordedAnswer {
        Objects.requireNonNull(contentType, "contentType");
        body = Objects.requireNonNull(body, "body").clone();
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status " + status);
        }
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedAnswer a && a.status == status && a.contentType.equals(contentType)
                && Arrays.equals(a.body, body) && a.kept == kept;
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, Arrays.hashCode(body), kept);
    }

    @Override
    public String toString() {
        return "RecordedAnswer[" + status + ", " + body.length + " bytes" + (kept ? ", kept" : "") + "]";
    }
}
