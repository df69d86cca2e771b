package io.invitehub.application.webhooks.service;

import io.invitehub.application.fakes.Fixture;
import io.invitehub.application.shared.port.in.PageRequest;
import io.invitehub.application.webhooks.port.in.CreatedEndpoint;
import io.invitehub.application.webhooks.port.in.RegisterEndpointCommand;
import io.invitehub.application.webhooks.port.out.DeliveryJob;
import io.invitehub.application.webhooks.port.out.WebhookDeliveries;
import io.invitehub.application.webhooks.port.out.WebhookEndpoints;
import io.invitehub.application.webhooks.port.out.WebhookSender;
import io.invitehub.application.webhooks.view.DeliveryView;
import io.invitehub.application.webhooks.view.EndpointView;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.ErrorCode;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.Role;
import io.invitehub.domain.user.UserId;
import io.invitehub.domain.webhook.EndpointUrl;
import io.invitehub.domain.webhook.EventType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Endpoint management scoped to the caller, and the delivery step's retries within the window. */
class WebhookServicesTest {
    private final Fixture f = new Fixture();
    private final Endpoints endpoints = new Endpoints();
    private final Deliveries deliveries = new Deliveries();
    private final List<Integer> answers = new ArrayList<>();
    private final WebhookSettings settings = new WebhookSettings(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(1),
            Duration.ofMinutes(4), 2, false, Duration.ofDays(30));
    private final WebhookAdminService admin = new WebhookAdminService(f.storage.transactions(), endpoints, deliveries, () -> "whsec_x",
            f.storage.auditLog(), f.wakeUps, f.clock, settings);
    private final WebhookDeliveryService delivery = new WebhookDeliveryService(f.storage.transactions(), deliveries,
            (job, at) -> answers.isEmpty() ? WebhookSender.Result.answered(200) : WebhookSender.Result.answered(answers.remove(0)),
            f.clock, settings);
    private final Actor A = Actor.of(f.storage.users().create("a", "a@example.com", "x", Role.DISTRIBUTOR,
            io.invitehub.domain.user.Approval.APPROVED));
    private final Actor B = Actor.of(f.storage.users().create("b", "b@example.com", "x", Role.DISTRIBUTOR,
            io.invitehub.domain.user.Approval.APPROVED));
    private final Actor ADMIN = Actor.of(f.storage.users().create("admin", null, "x", Role.ADMIN, null));
    private final Actor OPERATOR = Actor.of(f.storage.users().create("op", null, "x", Role.OPERATOR, null));

    private final class Endpoints implements WebhookEndpoints {
        final Map<Long, EndpointView> rows = new TreeMap<>();

        @Override
        public EndpointView create(Optional<UserId> owner, EndpointUrl url, Set<EventType> events, String secret, Optional<String> description,
                                   Optional<UserId> createdBy) {
            EndpointView view = new EndpointView(rows.size() + 1L, owner, url.toString(), events, description, true, f.clock.instant());
            rows.put(view.id(), view);
            return view;
        }

        @Override
        public List<EndpointView> list(Optional<UserId> owner, long afterId, int limit) {
            return rows.values().stream().filter(e -> e.owner().equals(owner) && e.id() > afterId).limit(limit).toList();
        }

        @Override
        public Optional<EndpointView> find(long id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public int count(Optional<UserId> owner) {
            return (int) rows.values().stream().filter(e -> e.owner().equals(owner)).count();
        }

        @Override
        public boolean delete(long id) {
            return rows.remove(id) != null;
        }
    }

    /** One delivery of event 7 to endpoint 1, created at the start. */
    private final class Deliveries implements WebhookDeliveries {
        String status = "PENDING";
        Instant due = Fixture.START;
        Instant since = Fixture.START;
        int attempts;
        int redelivered;
        final List<String> log = new ArrayList<>();

        @Override
        public Optional<DeliveryJob> claimNext(Instant now, Duration lease) {
            if (!(status.equals("PENDING") || status.equals("SENDING")) || now.isBefore(due)) {
                return Optional.empty();
            }
            attempts++;
            status = "SENDING";
            due = now.plus(lease);
            return Optional.of(new DeliveryJob(1, "t" + attempts, attempts, URI.create("https://hooks.example.com/"), "whsec_x", 7,
                    "code.redeemed", "{}", since));
        }

        @Override
        public void recordAttempt(long deliveryId, Instant at, Optional<Integer> statusCode, Optional<String> error, Duration took) {
            log.add(statusCode.map(String::valueOf).orElse("-"));
        }

        @Override
        public boolean delivered(DeliveryJob job, Instant now, int statusCode) {
            status = "DELIVERED";
            return true;
        }

        @Override
        public boolean retryAt(DeliveryJob job, Instant at, Optional<Integer> statusCode, String error) {
            status = "PENDING";
            due = at;
            return true;
        }

        @Override
        public boolean failed(DeliveryJob job, Optional<Integer> statusCode, String error) {
            status = "FAILED";
            return true;
        }

        @Override
        public List<DeliveryView> list(long endpointId, long beforeId, int limit) {
            return find(endpointId, 1).stream().toList();
        }

        @Override
        public Optional<DeliveryView> find(long endpointId, long deliveryId) {
            return endpointId == 1 && deliveryId == 1 ? Optional.of(new DeliveryView(1, 1, 7, EventType.CODE_REDEEMED, status, attempts,
                    Optional.empty(), Optional.empty(), Optional.of(due), Optional.empty(), Fixture.START, List.of())) : Optional.empty();
        }

        @Override
        public int purgeSettled(Instant before, int limit) {
            return 0;
        }

        @Override
        public boolean redeliver(long endpointId, long deliveryId, Instant now) {
            if (status.equals("SENDING")) {
                return false;
            }
            status = "PENDING";
            due = now;
            since = now;
            attempts = 0;
            redelivered++;
            return true;
        }
    }

    private CreatedEndpoint register(Actor actor, String url, String... events) {
        return admin.register(actor, new RegisterEndpointCommand(url, List.of(events), Optional.empty()));
    }

    @Test
    void distributorsSeeOnlyTheirOwnEndpointsAndTheAdministratorThePlatformsAndTheSecretIsAnsweredOnce() {
        CreatedEndpoint mine = register(A, "https://a.example.com/in", "code.redeemed", "member.joined");
        register(ADMIN, "https://ops.example.com/in", "order.paid");

        assertThat(mine.secret()).isEqualTo("whsec_x");
        assertThat(mine.endpoint().owner()).isEqualTo(A.userId());
        assertThat(admin.endpoints(A, PageRequest.first(10)).items()).extracting(EndpointView::url).containsExactly("https://a.example.com/in");
        assertThat(admin.endpoints(B, PageRequest.first(10)).items()).isEmpty();
        assertThat(admin.endpoints(ADMIN, PageRequest.first(10)).items()).extracting(EndpointView::url)
                .containsExactly("https://ops.example.com/in");
        assertThatThrownBy(() -> admin.delete(B, mine.endpoint().id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> admin.deliveries(ADMIN, mine.endpoint().id(), PageRequest.first(10)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        admin.delete(A, mine.endpoint().id());
        assertThat(endpoints.rows).hasSize(1);
    }

    @Test
    void anOperatorIsRefusedEveryUseOfThePlatformsEndpointsAndNothingChanges() {
        CreatedEndpoint platform = register(ADMIN, "https://platform.example.com/in", "code.redeemed");
        assertThat(platform.endpoint().id()).isEqualTo(1);
        int audited = f.storage.auditLog().latest(100).size();
        String status = deliveries.status;

        List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> uses = List.of(
                () -> register(OPERATOR, "https://ops.example.com/in", "order.paid"),
                () -> admin.endpoints(OPERATOR, PageRequest.first(10)),
                () -> admin.delete(OPERATOR, 1),
                () -> admin.deliveries(OPERATOR, 1, PageRequest.first(10)),
                () -> admin.redeliver(OPERATOR, 1, 1),
                () -> admin.delete(OPERATOR, 999)); // an unknown id too: FORBIDDEN before any lookup, never NOT_FOUND
        for (var use : uses) {
            assertThatThrownBy(use).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                assertThat(e.getMessage()).contains("only an administrator");
            });
        }
        assertThat(endpoints.rows.keySet()).containsExactly(1L);
        assertThat(deliveries.status).isEqualTo(status);
        assertThat(deliveries.redelivered).isZero();
        assertThat(f.storage.auditLog().latest(100)).hasSize(audited);
        // the administrator and a distributor keep their endpoints
        assertThat(admin.endpoints(ADMIN, PageRequest.first(10)).items()).extracting(EndpointView::url)
                .containsExactly("https://platform.example.com/in");
        admin.redeliver(ADMIN, 1, 1);
        assertThat(deliveries.redelivered).isEqualTo(1);
        register(A, "https://a.example.com/in", "code.redeemed");
        assertThat(admin.endpoints(A, PageRequest.first(10)).items()).extracting(EndpointView::url).containsExactly("https://a.example.com/in");
    }

    @Test
    void registrationRefusesPlainHttpUnknownOrRepeatedEventsAndTooManyEndpoints() {
        assertThatThrownBy(() -> register(A, "http://a.example.com/in", "code.redeemed")).hasMessageContaining("https");
        assertThatThrownBy(() -> register(A, "https://a.example.com/in", "code.redeemed", "order.refunded")).hasMessageContaining("order.refunded");
        assertThatThrownBy(() -> register(A, "https://a.example.com/in", "code.redeemed", "code.redeemed")).hasMessageContaining("twice");
        assertThatThrownBy(() -> register(A, "https://a.example.com/in")).hasMessageContaining("at least one");
        register(A, "https://a.example.com/1", "code.redeemed");
        register(A, "https://a.example.com/2", "code.redeemed");
        assertThatThrownBy(() -> register(A, "https://a.example.com/3", "code.redeemed"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }

    @Test
    void failuresAreRetriedWithBackoffUntilTheWindowEndsThenARedeliverSendsAgain() {
        register(A, "https://a.example.com/in", "code.redeemed");
        answers.addAll(List.of(500, 500, 500, 500, 500, 500));

        assertThat(delivery.deliverNext()).isTrue();            // t=0: 500, next at 1 min
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(delivery.deliverNext()).isTrue();            // t=1: 500, next at 3
        f.clock.advance(Duration.ofMinutes(2));
        assertThat(delivery.deliverNext()).isTrue();            // t=3: 500, next at 7
        assertThat(deliveries.status).isEqualTo("PENDING");
        f.clock.advance(Duration.ofMinutes(4));
        assertThat(delivery.deliverNext()).isTrue();            // t=7: 500, next at 11 > 10: FAILED
        assertThat(deliveries.status).isEqualTo("FAILED");
        assertThat(deliveries.log).containsExactly("500", "500", "500", "500");

        DeliveryView again = admin.redeliver(A, 1, 1);
        assertThat(again.status()).isEqualTo("PENDING");
        answers.clear();
        assertThat(delivery.deliverNext()).isTrue();
        assertThat(deliveries.status).isEqualTo("DELIVERED");
    }
}
