package io.smmpulse.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The community configuration file (docs/communities.md): defaults plus per-community overrides.
 * A community missing from the file gets the defaults. Every mistake is reported as a
 * {@link ConfigException} naming the JSON path of the bad setting.
 */
public final class Communities implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String EMBEDDED = "/communities-default.json";

    private final CommunityConfig defaults;
    private final Map<String, CommunityConfig> byId;

    Communities(CommunityConfig defaults, Map<String, CommunityConfig> byId) {
        this.defaults = defaults;
        this.byId = byId;
    }

    /** The same communities without goals (the bench measures what they cost). */
    public Communities withoutGoals() {
        Map<String, CommunityConfig> stripped = new java.util.LinkedHashMap<>();
        byId.forEach((id, config) -> stripped.put(id, config.withoutGoals()));
        return new Communities(defaults.withoutGoals(), stripped);
    }

    public CommunityConfig forCommunity(String communityId) {
        CommunityConfig config = byId.get(communityId);
        return config != null ? config : defaults;
    }

    public Set<String> communityIds() {
        return byId.keySet();
    }

    /** The embedded defaults used by the demo and when no --communities file is given. */
    public static Communities embedded() {
        try (InputStream in = Communities.class.getResourceAsStream(EMBEDDED)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "embedded communities config");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded communities config", e);
        }
    }

    public static Communities load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigException("--communities: file not found: " + file);
        } catch (IOException e) {
            throw new ConfigException("--communities: cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Reads a config (docs/communities.md); mistakes are {@link ConfigException}s naming the JSON path. */
    public static Communities parse(String json, String origin) {
        return CommunitiesJson.parse(json, origin);
    }
}
