package io.invitehub.adapter.out.payment.epay;

import io.invitehub.application.shop.port.out.Checkout;
import io.invitehub.application.shop.port.out.PaymentNotification;
import io.invitehub.application.shop.port.out.RejectedNotification;
import io.invitehub.application.shop.view.SandboxPayment;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.PayType;
import io.invitehub.domain.shared.Money;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EpayGatewayTest {
    private static final String KEY = "testkey123";
    private static final EpayMerchant MERCHANT = new EpayMerchant(() -> "https://pay.example.com/", "1001", KEY,
            () -> "http://example.com/notify", () -> "http://example.com/return");
    private final EpayGateway gateway = new EpayGateway(MERCHANT);

    /** Vectors computed independently (Python hashlib.md5 over the documented canonical string). */
    @Test
    void signatureVectors() {
        Map<String, String> payRequest = new HashMap<>();
        payRequest.put("pid", "1001");
        payRequest.put("type", "alipay");
        payRequest.put("out_trade_no", "20250301100000ABCDEF01");
        payRequest.put("notify_url", "http://example.com/notify");
        payRequest.put("return_url", "http://example.com/return");
        payRequest.put("name", "Pack");
        payRequest.put("money", "12.50");
        payRequest.put("empty", "");
        payRequest.put("sign", "ignored");
        payRequest.put("sign_type", "MD5");
        assertThat(EpaySignature.canonical(payRequest)).isEqualTo("money=12.50&name=Pack&notify_url=http://example.com/notify"
                + "&out_trade_no=20250301100000ABCDEF01&pid=1001&return_url=http://example.com/return&type=alipay");
        assertThat(EpaySignature.sign(payRequest, KEY)).isEqualTo("e0f0dfb1b748e870750f7b427129b57e");

        Map<String, String> notify = new HashMap<>();
        notify.put("trade_status", "TRADE_SUCCESS");
        notify.put("pid", "1001");
        notify.put("type", "wxpay");
        notify.put("trade_no", "2025030122001");
        notify.put("out_trade_no", "20250301100000ABCDEF02");
        notify.put("name", "VIP会员");
        notify.put("money", "1.00");
        assertThat(EpaySignature.sign(notify, "k")).isEqualTo("2266605d7363e6d3cb0c2edf01a33b06");
    }

    @Test
    void thePayUrlIsSubmitPhpWithEverySignedParameter() {
        String url = gateway.payUrl(new Checkout(new OrderNo("20250301100000ABCDEF01"), "Pack", Money.ofMinor(1250, Money.CNY),
                PayType.of("alipay")));
        assertThat(url).startsWith("https://pay.example.com/submit.php?");
        Map<String, String> params = query(url);
        assertThat(params).containsEntry("pid", "1001").containsEntry("type", "alipay")
                .containsEntry("out_trade_no", "20250301100000ABCDEF01").containsEntry("notify_url", "http://example.com/notify")
                .containsEntry("return_url", "http://example.com/return").containsEntry("name", "Pack")
                .containsEntry("money", "12.50").containsEntry("sign_type", "MD5")
                .containsEntry("sign", "e0f0dfb1b748e870750f7b427129b57e");
        assertThat(url).doesNotContain(KEY);
    }

    @Test
    void aCorrectlySignedNotificationVerifies() {
        PaymentNotification n = gateway.verify(signed(notification("12.50")));
        assertThat(n.outTradeNo()).isEqualTo("20250301100000ABCDEF01");
        assertThat(n.tradeNo()).isEqualTo("T123");
        assertThat(n.isSuccess()).isTrue();
        assertThat(n.paid()).isEqualTo(Money.ofMinor(1250, Money.CNY));
        assertThat(n.payType()).isEqualTo(PayType.of("alipay"));
        // the signature may come in upper case
        Map<String, String> upper = signed(notification("12.50"));
        upper.put("sign", upper.get("sign").toUpperCase());
        assertThat(gateway.verify(upper).tradeNo()).isEqualTo("T123");
    }

    @Test
    void forgedTamperedOrForeignNotificationsAreRejected() {
        Map<String, String> unsigned = notification("12.50");
        assertThatThrownBy(() -> gateway.verify(unsigned)).isInstanceOf(RejectedNotification.class);

        Map<String, String> forged = new HashMap<>(notification("12.50"));
        forged.put("sign", EpaySignature.sign(forged, "not-the-key"));
        assertThatThrownBy(() -> gateway.verify(forged)).isInstanceOf(RejectedNotification.class);

        Map<String, String> tampered = signed(notification("0.01"));
        tampered.put("money", "12.50");
        assertThatThrownBy(() -> gateway.verify(tampered)).isInstanceOf(RejectedNotification.class);

        Map<String, String> retargeted = signed(notification("12.50"));
        retargeted.put("out_trade_no", "20250301100000ABCDEF99");
        assertThatThrownBy(() -> gateway.verify(retargeted)).isInstanceOf(RejectedNotification.class);

        Map<String, String> otherMerchant = notification("12.50");
        otherMerchant.put("pid", "2002");
        assertThatThrownBy(() -> gateway.verify(signed(otherMerchant))).hasMessageContaining("another merchant");

        Map<String, String> sha = signed(notification("12.50"));
        sha.put("sign_type", "SHA256");
        assertThatThrownBy(() -> gateway.verify(sha)).isInstanceOf(RejectedNotification.class);
    }

    /** Issue 10: money is exactly {@code ^\d+\.\d{2}$} yuan (ASCII digits), compared in fen; anything else is refused. */
    @Test
    void amountsConvertExactlyToFenOrAreRefused() {
        assertThat(EpayGateway.money("12.50")).isEqualTo(Money.ofMinor(1250, Money.CNY));
        assertThat(EpayGateway.money("0.01")).isEqualTo(Money.ofMinor(1, Money.CNY));
        assertThat(EpayGateway.money("100000.00")).isEqualTo(Money.ofMinor(10_000_000, Money.CNY));
        for (String loose : new String[] {"12.5", "12.500", "12", "100000", "12.505", "-1.00", "+12.50", " 12.50", "12.50 ",
                "1e3", "1e3x", "1.25e1", "12,50", ".50", "12.", "0x10.00", "１２.５０", "١٢.٥٠", "12.5O", "", "12.50\n",
                "92233720368547758.08", "99999999999999999999.99"}) {
            assertThatThrownBy(() -> EpayGateway.money(loose)).as("'%s'", loose).isInstanceOf(RejectedNotification.class);
        }
        assertThat(EpayGateway.decimal(Money.ofMinor(5, Money.CNY))).isEqualTo("0.05");
        assertThat(EpayGateway.decimal(Money.ofMinor(123400, Money.CNY))).isEqualTo("1234.00");
    }

    /** Issue 10: the signed money and pay type are taken exactly as sent, never trimmed or case-folded into shape. */
    @Test
    void aSignedNotificationWithLooseMoneyOrPayTypeIsRefused() {
        for (String money : new String[] {"12.5", "12.500", " 12.50", "1.25e1"}) {
            assertThatThrownBy(() -> gateway.verify(signed(notification(money)))).as("money '%s'", money)
                    .isInstanceOf(RejectedNotification.class).hasMessageContaining("money");
        }
        for (String type : new String[] {"ALIPAY", " alipay", "alipay ", "Alipay", "ali pay", "alipay\u0000"}) {
            Map<String, String> n = notification("12.50");
            n.put("type", type);
            assertThatThrownBy(() -> gateway.verify(signed(n))).as("type '%s'", type)
                    .isInstanceOf(RejectedNotification.class).hasMessageContaining("type");
        }
        assertThat(gateway.verify(signed(notification("12.50"))).payType()).isEqualTo(PayType.of("alipay"));
    }

    @Test
    void theSandboxVerifiesItsOwnPayRequestsAndSignsANotificationItsGatewayAccepts() {
        EpaySandbox sandbox = EpaySandbox.create(() -> "http://127.0.0.1:8080/api/v1/public/shop/sandbox",
                () -> "http://127.0.0.1:8080/api/v1/public/shop/notify", () -> "http://127.0.0.1:8080/api/v1/public/shop/return");
        String url = sandbox.gateway().payUrl(new Checkout(new OrderNo("20250301100000ABCDEF01"), "Pack",
                Money.ofMinor(990, Money.CNY), PayType.of("wxpay")));
        assertThat(url).startsWith("http://127.0.0.1:8080/api/v1/public/shop/sandbox/submit.php?");
        SandboxPayment payment = sandbox.open(query(url));
        assertThat(payment.money()).isEqualTo("9.90");
        assertThat(payment.notifyUrl()).isEqualTo("http://127.0.0.1:8080/api/v1/public/shop/notify");
        PaymentNotification n = sandbox.gateway().verify(payment.paidNotification());
        assertThat(n.paid()).isEqualTo(Money.ofMinor(990, Money.CNY));
        assertThat(n.isSuccess()).isTrue();
        assertThat(n.tradeNo()).startsWith("SBX");

        Map<String, String> tampered = query(url);
        tampered.put("money", "0.01");
        assertThatThrownBy(() -> sandbox.open(tampered)).isInstanceOf(RejectedNotification.class);
        // another sandbox (another process, another key) refuses this one's notifications
        EpaySandbox other = EpaySandbox.create(() -> "http://x/", () -> "n", () -> "r");
        assertThatThrownBy(() -> other.gateway().verify(payment.paidNotification())).isInstanceOf(RejectedNotification.class);
    }

    private static Map<String, String> notification(String money) {
        Map<String, String> n = new LinkedHashMap<>();
        n.put("pid", "1001");
        n.put("trade_no", "T123");
        n.put("out_trade_no", "20250301100000ABCDEF01");
        n.put("type", "alipay");
        n.put("name", "Pack");
        n.put("money", money);
        n.put("trade_status", "TRADE_SUCCESS");
        return n;
    }

    private static Map<String, String> signed(Map<String, String> params) {
        Map<String, String> out = new HashMap<>(params);
        out.put("sign", EpaySignature.sign(params, KEY));
        out.put("sign_type", "MD5");
        return out;
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new HashMap<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
