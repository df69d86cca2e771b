package io.invitehub.adapter.out.payment.epay;

import io.invitehub.application.shop.port.out.RejectedNotification;
import io.invitehub.application.shop.port.out.SandboxPayments;
import io.invitehub.application.shop.view.SandboxPayment;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox gateway of the embedded default: a merchant with a random key that lives as long as the
 * process, whose "gateway" is the service's own pay page. The page shows a pay request that this merchant
 * signed and offers the notification a real gateway would post after payment, signed with the same key,
 * so a purchase runs end to end through the real notify path with nothing external.
 */
public final class EpaySandbox implements SandboxPayments {
    public static final String PID = "sandbox";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EpayMerchant merchant;
    private final EpayGateway gateway;

    private EpaySandbox(EpayMerchant merchant) {
        this.merchant = merchant;
        this.gateway = new EpayGateway(merchant);
    }

    /** A sandbox whose pay page is at {@code gateway}/submit.php and whose key is new and random. */
    public static EpaySandbox create(java.util.function.Supplier<String> gateway, java.util.function.Supplier<String> notifyUrl,
                                     java.util.function.Supplier<String> returnUrl) {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return new EpaySandbox(new EpayMerchant(gateway, PID, Base64.getUrlEncoder().withoutPadding().encodeToString(key),
                notifyUrl, returnUrl));
    }

    /** The gateway side (pay URLs, notification verification) of this sandbox merchant. */
    public EpayGateway gateway() {
        return gateway;
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
