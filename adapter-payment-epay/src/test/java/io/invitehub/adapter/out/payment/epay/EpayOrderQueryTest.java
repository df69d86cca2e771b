package io.invitehub.adapter.out.payment.epay;

import com.sun.net.httpserver.HttpServer;
import io.invitehub.application.shop.port.out.PaymentGatewayException;
import io.invitehub.application.shop.port.out.PaymentNotification;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.shared.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The e-pay order query against a local stub gateway (a real HTTP server on loopback). */
class EpayOrderQueryTest {
    private static final OrderNo ORDER = new OrderNo("20250301100000ABCDEF01");
    private HttpServer server;
    private volatile int status = 200;
    private volatile String answer = "{}";
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private EpayGateway gateway;

    @BeforeEach
    void stub() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api.php", exchange -> {
            asked.add(exchange.getRequestURI().getRawQuery());
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        gateway = new EpayGateway(new EpayMerchant(() -> url, "1001", "merchant-key", () -> "n", () -> "r"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aPaidOrderIsReportedAsTheNotificationWouldHaveSaidIt() {
        answer = "{\"code\":1,\"msg\":\"ok\",\"trade_no\":\"T900\",\"out_trade_no\":\"" + ORDER.value() + "\",\"type\":\"alipay\","
                + "\"pid\":1001,\"money\":\"12.50\",\"status\":1}";
        Optional<PaymentNotification> paid = gateway.query(ORDER);
        assertThat(paid).isPresent();
        assertThat(paid.get().tradeNo()).isEqualTo("T900");
        assertThat(paid.get().paid()).isEqualTo(Money.ofMinor(1250, Money.CNY));
        assertThat(paid.get().isSuccess()).isTrue();
        assertThat(asked).containsExactly("act=order&pid=1001&key=merchant-key&out_trade_no=" + ORDER.value());
    }

    @Test
    void anUnpaidOrUnknownOrderIsNoPayment() {
        answer = "{\"code\":1,\"trade_no\":\"T900\",\"out_trade_no\":\"" + ORDER.value() + "\",\"type\":\"alipay\",\"pid\":\"1001\","
                + "\"money\":\"12.50\",\"status\":0}";
        assertThat(gateway.query(ORDER)).isEmpty();
        answer = "{\"code\":-1,\"msg\":\"order not found\"}";
        assertThat(gateway.query(ORDER)).isEmpty();
    }

    @Test
    void anAnswerForAnotherMerchantOrOrderOrNotJsonOrAnErrorStatusIsAFailure() {
        answer = "{\"code\":1,\"trade_no\":\"T900\",\"out_trade_no\":\"" + ORDER.value() + "\",\"type\":\"alipay\",\"pid\":2002,"
                + "\"money\":\"12.50\",\"status\":1}";
        assertThatThrownBy(() -> gateway.query(ORDER)).isInstanceOf(PaymentGatewayException.class).hasMessageContaining("another merchant");
        answer = "{\"code\":1,\"trade_no\":\"T900\",\"out_trade_no\":\"20250301100000ABCDEF02\",\"type\":\"alipay\",\"pid\":1001,"
                + "\"money\":\"12.50\",\"status\":1}";
        assertThatThrownBy(() -> gateway.query(ORDER)).isInstanceOf(PaymentGatewayException.class);
        answer = "{\"code\":1,\"trade_no\":\"T900\",\"out_trade_no\":\"" + ORDER.value() + "\",\"type\":\"alipay\",\"pid\":1001,"
                + "\"money\":\"12.505\",\"status\":1}";
        assertThatThrownBy(() -> gateway.query(ORDER)).isInstanceOf(PaymentGatewayException.class).hasMessageContaining("malformed");
        answer = "<html>busy</html>";
        assertThatThrownBy(() -> gateway.query(ORDER)).isInstanceOf(PaymentGatewayException.class).hasMessageContaining("not JSON");
        status = 502;
        answer = "{}";
        assertThatThrownBy(() -> gateway.query(ORDER)).isInstanceOf(PaymentGatewayException.class).hasMessageContaining("502");
        server.stop(0);
        assertThatThrownBy(() -> gateway.query(ORDER)).isInstanceOf(PaymentGatewayException.class);
    }

    @Test
    void theSandboxAnswersFromThePaymentsMadeOnItsPage() {
        EpaySandbox sandbox = EpaySandbox.create("a-sandbox-key-of-thirty-two-chars-x", () -> "http://127.0.0.1:1/sandbox", () -> "n", () -> "r");
        String url = sandbox.gateway().payUrl(new io.invitehub.application.shop.port.out.Checkout(ORDER, "Pack",
                Money.ofMinor(990, Money.CNY), io.invitehub.domain.order.PayType.of("wxpay")));
        java.util.Map<String, String> request = new java.util.LinkedHashMap<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            request.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        var payment = sandbox.open(request);
        assertThat(sandbox.gateway().query(ORDER)).as("not paid yet").isEmpty();
        sandbox.recordPaid(payment.paidNotification());
        assertThat(sandbox.gateway().query(ORDER).orElseThrow().paid()).isEqualTo(Money.ofMinor(990, Money.CNY));
        // the same key after a restart verifies what the first process signed
        EpaySandbox restarted = EpaySandbox.create("a-sandbox-key-of-thirty-two-chars-x", () -> "http://127.0.0.1:1/sandbox", () -> "n", () -> "r");
        assertThat(restarted.gateway().verify(payment.paidNotification()).tradeNo()).isEqualTo(payment.paidNotification().get("trade_no"));
        java.util.Map<String, String> forged = new java.util.HashMap<>(payment.paidNotification());
        forged.put("money", "0.01");
        assertThatThrownBy(() -> sandbox.recordPaid(forged)).isInstanceOf(io.invitehub.application.shop.port.out.RejectedNotification.class);
    }
}
