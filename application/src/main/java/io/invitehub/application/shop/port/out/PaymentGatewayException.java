package io.invitehub.application.shop.port.out;

/** The payment gateway could not be asked (network, timeout) or answered something that is not its protocol. */
public final class PaymentGatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PaymentGatewayException(String message, Throwable cause) {
        super(message, cause);
    }

    public PaymentGatewayException(String message) {
        super(message);
    }
}
