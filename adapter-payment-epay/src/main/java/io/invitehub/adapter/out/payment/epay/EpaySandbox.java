package io.invitehub.adapter.out.payment.epay;

import io.invitehub.application.shop.port.out.Checkout;
import io.invitehub.application.shop.port.out.PaymentGateway;
import io.invitehub.application.shop.port.out.PaymentNotification;
import io.invitehub.application.shop.port.out.RejectedNotification;
import io.invitehub.application.shop.port.out.SandboxPayments;
import io.invitehub.application.shop.view.SandboxPayment;
import io.invitehub.domain.order.OrderNo;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The sandbox gateway of the embedded default: a merchant whose "gateway" is the service's own pay page,
 * with a key the embedded default keeps in its data directory (so pay URLs and notifications signed before a
 * restart still verify after it). The page shows a pay request that this merchant signed and offers the
 * notification a real gateway would post after payment, signed with the same key, so a purchase runs end to
 * end through the real notify path with nothing external. Payments made on the page are remembered (for
 * the life of the process) so that the sandbox answers the order query of SPEC 7's fallback as a real
 * gateway would.
 */
public final class EpaySandbox implements SandboxPayments {
    public static final String PID = "sandbox";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EpayMerchant merchant;
    private final EpayGateway signing;
    private final PaymentGateway gateway;
    /** Payments made on the pay page: out_trade_no → the signed notification (what the order query reports). */
    private final Map<String, Map<String, String>> paid = new ConcurrentHashMap<>();

    private EpaySandbox(EpayMerchant merchant) {
        this.merchant = merchant;
        this.signing = new EpayGateway(merchant);
        this.gateway = new SandboxGateway();
    }

    /** A sandbox whose pay page is at {@code gateway}/submit.php and whose key is new and random. */
    public static EpaySandbox create(Supplier<String> gateway, Supplier<String> notifyUrl, Supplier<String> returnUrl) {
        return create(newKey(), gateway, notifyUrl, returnUrl);
    }

    /** A sandbox with this merchant key (kept by the caller, e.g. in the data directory). */
    public static EpaySandbox create(String key, Supplier<String> gateway, Supplier<String> notifyUrl, Supplier<String> returnUrl) {
        return new EpaySandbox(new EpayMerchant(gateway, PID, key, notifyUrl, returnUrl));
    }

    /** A new random sandbox key: 24 bytes from a strong source, URL-safe base64. */
    public static String newKey() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** The gateway side (pay URLs, notification verification, order query) of this sandbox merchant. */
    public PaymentGateway gateway() {
        return gateway;
    }

    @Override
    public void recordPaid(Map<String, String> notification) {
        PaymentNotification n = signing.verify(notification);
        if (!n.isSuccess()) {
            throw new RejectedNotification("not a payment");
        }
        paid.putIfAbsent(n.outTradeNo(), Map.copyOf(notification));
    }

    /** The sandbox merchant as a gateway: the e-pay protocol for URLs and notifications, its own memory for queries. */
    private final class SandboxGateway implements PaymentGateway {
        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String payUrl(Checkout checkout) {
            return signing.payUrl(checkout);
        }

        @Override
        public PaymentNotification verify(Map<String, String> parameters) {
            return signing.verify(parameters);
        }

        @Override
        public Optional<PaymentNotification> query(OrderNo orderNo) {
            return Optional.ofNullable(paid.get(orderNo.value())).map(signing::verify);
        }
    }

    @Override
    public SandboxPayment open(Map<String, String> payRequest) {
        if (!EpaySignature.verify(payRequest, merchant.key()) || !PID.equals(payRequest.get("pid"))) {
            throw new RejectedNotification("the pay request was not signed by this sandbox");
        }
        String outTradeNo = payRequest.getOrDefault("out_trade_no", "");
        String money = payRequest.getOrDefault("money", "");
        String type = payRequest.getOrDefault("type", "");
        Map<String, String> notification = new LinkedHashMap<>();
        notification.put("pid", PID);
        notification.put("trade_no", "SBX" + tradeNumber());
        notification.put("out_trade_no", outTradeNo);
        notification.put("type", type);
        notification.put("name", payRequest.getOrDefault("name", ""));
        notification.put("money", money);
        notification.put("trade_status", "TRADE_SUCCESS");
        notification.put(EpaySignature.SIGN, EpaySignature.sign(notification, merchant.key()));
        notification.put(EpaySignature.SIGN_TYPE, EpaySignature.MD5);
        return new SandboxPayment(outTradeNo, payRequest.getOrDefault("name", ""), money, type,
                payRequest.getOrDefault("notify_url", merchant.notifyUrl().get()),
                payRequest.getOrDefault("return_url", merchant.returnUrl().get()), notification);
    }

    private static String tradeNumber() {
        StringBuilder out = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            out.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "EpaySandbox[" + merchant + "]";
    }
}
