package io.smmpulse.core.config;

/** A user mistake in a setting or a configuration file: the message names the setting and is shown as is. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
