package io.invitehub.library.config;

/** A setting is missing or invalid; the message names the variable and what is expected. */
public final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
