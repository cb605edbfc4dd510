package io.smmpulse.core.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in settings and on the command line: 60s, 5m, 2h, 3d or 500ms. */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {}

    public static Duration parse(String setting, String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw new ConfigException(setting + ": \"" + value + "\" is not a duration such as 60s, 5m, 2h or 3d");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
