package io.invitehub.adapter.out.payment.epay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.application.shop.port.out.PaymentGatewayException;
import io.invitehub.application.shop.port.out.PaymentNotification;
import io.invitehub.application.shop.port.out.RejectedNotification;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.PayType;
import io.invitehub.domain.shared.DomainException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The e-pay order query ({@code GET {gateway}/api.php?act=order&pid=…&key=…&out_trade_no=…}, the protocol's
 * merchant API): a JSON object with {@code code} (1 = the gateway knows the order), {@code status} (1 = paid),
 * {@code trade_no}, {@code out_trade_no}, {@code type}, {@code money} and {@code pid}. The answer must name
 * this merchant and the order asked about; a paid answer becomes the same {@link PaymentNotification} a
 * notification would, so it is judged the same way (exact amount, channel). Redirects are not followed.
 */
final class EpayOrderQuery {
    private static final Logger LOG = Logger.getLogger(EpayOrderQuery.class.getName());
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ANSWER = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EpayMerchant merchant;
    private final HttpClient client;

    EpayOrderQuery(EpayMerchant merchant) {
        this.merchant = merchant;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Optional<PaymentNotification> query(OrderNo orderNo) {
        URI uri = URI.create(merchant.gateway().get().replaceAll("/+$", "") + "/api.php?act=order&pid=" + encode(merchant.pid())
                + "&key=" + encode(merchant.key()) + "&out_trade_no=" + encode(orderNo.value()));
        HttpResponse<byte[]> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PaymentGatewayException("the gateway's order query failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaymentGatewayException("interrupted while asking the gateway", e);
        }
        if (response.statusCode() != 200) {
            throw new PaymentGatewayException("the gateway's order query answered HTTP " + response.statusCode());
        }
        if (response.body().length > MAX_ANSWER) {
            throw new PaymentGatewayException("the gateway's order query answer is too large");
        }
        return read(response.body(), orderNo);
    }

    /** What an answer says; package-private for tests. */
    Optional<PaymentNotification> read(byte[] body, OrderNo orderNo) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            throw new PaymentGatewayException("the gateway's order query answer is not JSON");
        }
        if (answer == null || !answer.isObject()) {
            throw new PaymentGatewayException("the gateway's order query answer is not a JSON object");
        }
        if (answer.path("code").asInt(0) != 1) {
            // the gateway knows no such order (or refuses the merchant: its message says which)
            LOG.info(() -> "order query for " + orderNo + ": code " + answer.path("code").asText() + ", " + shorten(answer.path("msg").asText()));
            return Optional.empty();
        }
        if (!merchant.pid().equals(answer.path("pid").asText()) || !orderNo.value().equals(answer.path("out_trade_no").asText())) {
            throw new PaymentGatewayException("the gateway's order query answer names another merchant or order");
        }
        if (answer.path("status").asInt(0) != 1) {
            return Optional.empty();
        }
        String tradeNo = text(answer, "trade_no");
        try {
            return Optional.of(new PaymentNotification(orderNo.value(), tradeNo, PaymentNotification.TRADE_SUCCESS,
                    EpayGateway.money(text(answer, "money")), PayType.of(text(answer, "type"))));
        } catch (RejectedNotification | DomainException malformed) {
            throw new PaymentGatewayException("the gateway's order query answer is malformed: " + malformed.getMessage());
        }
    }

    private static String text(JsonNode answer, String name) {
        String value = answer.path(name).asText("");
        if (value.isBlank() || value.length() > 200) {
            throw new PaymentGatewayException("the gateway's order query answer has no " + name);
        }
        return value.strip();
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
