package io.invitehub.adapter.out.payment.epay;

import io.invitehub.application.shop.port.out.Checkout;
import io.invitehub.application.shop.port.out.PaymentGateway;
import io.invitehub.application.shop.port.out.PaymentNotification;
import io.invitehub.application.shop.port.out.RejectedNotification;
import io.invitehub.domain.order.OrderNo;
import io.invitehub.domain.order.PayType;
import io.invitehub.domain.shared.DomainException;
import io.invitehub.domain.shared.Money;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The e-pay ("易支付") protocol (SPEC section 7). Pay URL: {@code {gateway}/submit.php} with {@code pid,
 * type, out_trade_no, notify_url, return_url, name, money, sign, sign_type=MD5}. A notification is
 * accepted only with a valid signature of this merchant's key and this merchant's {@code pid}; amounts
 * are CNY written with exactly two fraction digits, converted exactly to fen, and the pay type must be
 * sent exactly in its lower-case form.
 */
public final class EpayGateway implements PaymentGateway {
    /** Yuan with exactly two decimals, ASCII digits only (Java's \\d without UNICODE_CHARACTER_CLASS), whole input. */
    private static final java.util.regex.Pattern MONEY = java.util.regex.Pattern.compile("^\\d+\\.\\d{2}$");
    private static final int MAX_MONEY_LENGTH = 20;
    /** A pay type exactly as {@link PayType} stores it: lower case letters, digits, '_'. */
    private static final java.util.regex.Pattern PAY_TYPE = java.util.regex.Pattern.compile("^[a-z0-9_]{1,20}$");
    private static final int MAX_NAME = 100;

    private final EpayMerchant merchant;
    private final EpayOrderQuery orderQuery;

    public EpayGateway(EpayMerchant merchant) {
        this.merchant = Objects.requireNonNull(merchant, "merchant");
        this.orderQuery = new EpayOrderQuery(merchant);
    }

    @Override
    public Optional<PaymentNotification> query(OrderNo orderNo) {
        return orderQuery.query(orderNo);
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String payUrl(Checkout checkout) {
        Map<String, String> params = payRequest(checkout);
        StringBuilder url = new StringBuilder(merchant.gateway().get().replaceAll("/+$", "")).append("/submit.php?");
        boolean first = true;
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!first) {
                url.append('&');
            }
            first = false;
            url.append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    /** The signed parameters of a pay request, in protocol order. */
    Map<String, String> payRequest(Checkout checkout) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("pid", merchant.pid());
        params.put("type", checkout.payType().value());
        params.put("out_trade_no", checkout.orderNo().value());
        params.put("notify_url", merchant.notifyUrl().get());
        params.put("return_url", merchant.returnUrl().get());
        String name = checkout.name().strip();
        params.put("name", name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name);
        params.put("money", decimal(checkout.amount()));
        params.put(EpaySignature.SIGN, EpaySignature.sign(params, merchant.key()));
        params.put(EpaySignature.SIGN_TYPE, EpaySignature.MD5);
        return params;
    }

    @Override
    public PaymentNotification verify(Map<String, String> parameters) {
        if (!EpaySignature.verify(parameters, merchant.key())) {
            throw new RejectedNotification("signature missing or wrong");
        }
        if (!merchant.pid().equals(parameters.get("pid"))) {
            throw new RejectedNotification("notification for another merchant (pid " + parameters.get("pid") + ")");
        }
        String outTradeNo = required(parameters, "out_trade_no");
        String tradeNo = required(parameters, "trade_no");
        String status = required(parameters, "trade_status");
        // money and type exactly as signed: never trimmed, case-folded or re-read into shape
        Money paid = money(exactly(parameters, "money"));
        String rawType = exactly(parameters, "type");
        if (!PAY_TYPE.matcher(rawType).matches()) {
            throw new RejectedNotification("type is malformed");
        }
        PayType type;
        try {
            type = PayType.of(rawType);
        } catch (DomainException e) {
            throw new RejectedNotification("type is malformed");
        }
        return new PaymentNotification(outTradeNo, tradeNo, status, paid, type);
    }

    /** {@code 12.50} for 1250 fen. */
    static String decimal(Money amount) {
        return amount.toMajor().setScale(2).toPlainString();
    }

    /**
     * Yuan written exactly {@code ^\d+\.\d{2}$} (ASCII digits, two decimals, as this adapter sends them),
     * converted exactly to fen; anything else — another scale, a sign, an exponent, spaces, other digits,
     * more than a long holds — is refused.
     */
    static Money money(String raw) {
        if (raw == null || raw.length() > MAX_MONEY_LENGTH || !MONEY.matcher(raw).matches()) {
            throw new RejectedNotification("money must be yuan with exactly two decimals, such as 12.50");
        }
        try {
            return Money.ofMinor(new BigDecimal(raw).movePointRight(2).longValueExact(), Money.CNY);
        } catch (ArithmeticException e) {
            throw new RejectedNotification("money is out of range");
        }
    }

    /** The parameter as sent (not stripped): present, not blank, at most 200 characters. */
    private static String exactly(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new RejectedNotification(name + " is missing or too long");
        }
        return value;
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new RejectedNotification(name + " is missing or too long");
        }
        return value.strip();
    }

    @Override
    public String toString() {
        return "EpayGateway[" + merchant + "]";
    }
}
