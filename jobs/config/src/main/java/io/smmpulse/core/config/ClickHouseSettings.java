package io.smmpulse.core.config;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Where results go: an http(s) URL of a ClickHouse server (or the local chdb-backed one), the
 * user, the password and the database. The password is never part of {@link #toString()}.
 */
public record ClickHouseSettings(String url, String user, String password, String database) implements Serializable {
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public ClickHouseSettings {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(
                    "PULSE_CLICKHOUSE_URL: \"" + url + "\" is not a URL such as http://127.0.0.1:8123");
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new ConfigException("PULSE_CLICKHOUSE_URL: \"" + url
                    + "\" must be an http:// or https:// URL such as http://127.0.0.1:8123");
        }
        if (!DATABASE.matcher(database).matches()) {
            throw new ConfigException("PULSE_CLICKHOUSE_DATABASE: \"" + database
                    + "\" is not a valid database name (letters, digits, _)");
        }
    }

    public ClickHouseSettings withUser(String otherUser, String otherPassword) {
        return new ClickHouseSettings(url, otherUser, otherPassword, database);
    }

    public ClickHouseSettings withDatabase(String otherDatabase) {
        return new ClickHouseSettings(url, user, password, otherDatabase);
    }

    /** The server's URL without a path, so that the database comes from {@link #database()} alone. */
    public String serverUrl() {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    @Override
    public String toString() {
        return "ClickHouse " + serverUrl() + " database " + database + " user " + user;
    }
}
