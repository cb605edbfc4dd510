package io.smmpulse.cli;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.ConfigException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Command-line flags ({@code --name value}) and positional arguments of one command. */
public final class Options {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    /** Flags that take no value. */
    private static final Set<String> SWITCHES = Set.of("local");

    private final Map<String, String> flags = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Options() {}

    public static Options parse(String command, List<String> args, Set<String> allowedFlags) {
        Options options = new Options();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (SWITCHES.contains(name)) {
                    value = "true";
                } else {
                    if (i + 1 >= args.size()) {
                        throw new ConfigException("--" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (!allowedFlags.contains(name)) {
                    throw new ConfigException("'" + command + "' has no option --" + name + " (options: " + String.join(", ", allowedFlags.stream().map(f -> "--" + f).sorted().toList()) + ")");
                }
                options.flags.put(name, value);
            } else {
                options.positional.add(arg);
            }
        }
        return options;
    }

    public List<String> positional() {
        return positional;
    }

    public String get(String name, String fallback) {
        return flags.getOrDefault(name, fallback);
    }

    public boolean has(String name) {
        return flags.containsKey(name);
    }

    public Communities communities() {
        String file = flags.get("communities");
        return file == null ? Communities.embedded() : Communities.load(Paths.get(file));
    }

    public Path path(String name) {
        return Paths.get(flags.get(name));
    }

    public long positiveLong(String name, long fallback) {
        String value = flags.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.replace("_", ""));
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException("--" + name + ": \"" + value + "\" is not a whole number > 0");
    }

    /** Durations such as 60s, 5m, 2h, 3d or 500ms. */
    public Duration duration(String name, Duration fallback) {
        String value = flags.get(name);
        return value == null ? fallback : parseDuration("--" + name, value);
    }

    public static Duration parseDuration(String setting, String value) {
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
