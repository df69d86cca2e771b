package io.invitehub.application.accounts.port.in;

/**
 * The sign-up form: fields as typed, validated by the service; {@code clientAddress} is who sends it
 * (attempts are limited per address and per e-mail).
 */
public record RegisterDistributorCommand(String email, String username, char[] password, String code, String clientAddress) {
    @Override
    public String toString() {
        return "RegisterDistributorCommand[" + username + ", password=***, code=***, from " + clientAddress + "]";
    }
}
