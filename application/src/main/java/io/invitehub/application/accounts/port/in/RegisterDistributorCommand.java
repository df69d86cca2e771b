package io.invitehub.application.accounts.port.in;

/** The sign-up form: fields as typed, validated by the service. */
public record RegisterDistributorCommand(String email, String username, char[] password, String code) {
    @Override
    public String toString() {
        return "RegisterDistributorCommand[" + username + ", password=***, code=***]";
    }
}
