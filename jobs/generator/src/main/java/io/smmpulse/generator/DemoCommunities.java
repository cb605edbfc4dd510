package io.smmpulse.generator;

import io.smmpulse.core.config.Communities;

/** The communities of the demo and the live bench: the embedded ones with risk windows fit for minutes of traffic. */
public final class DemoCommunities {
    private DemoCommunities() {}

    /**
     * The embedded communities with risk windows fit for a demo: 10-minute windows closing every
     * minute, a day of baseline. The demo's history is thin (1/200 of the live rate, so that two days
     * load in seconds), so its baselines are far below live traffic: min_count, a little above what
     * one community's busiest signal (questions) counts in 10 minutes at this rate, keeps the quiet
     * live traffic at level none, and the crisis goes three times past it.
     */
    public static java.nio.file.Path demoCommunities(java.nio.file.Path home, long rate) throws java.io.IOException {
        java.nio.file.Path file = home.resolve("demo-communities.json");
        java.nio.file.Files.createDirectories(home);
        java.nio.file.Files.writeString(file, embeddedWithRisk(10, 1, 24, 12, 40 * rate));
        return file;
    }

    /** The embedded communities config with {@code risk} in its defaults (the owners of the demo's crisis signals). */
    public static String embeddedWithRisk(
            int windowMinutes, int slideMinutes, int baselineHours, int minHistoryHours, long minCount)
            throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root;
        try (java.io.InputStream in = Communities.class.getResourceAsStream(Communities.EMBEDDED)) {
            root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(in);
        }
        com.fasterxml.jackson.databind.node.ObjectNode risk =
                ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("defaults")).putObject("risk");
        risk.put("window_minutes", windowMinutes)
                .put("slide_minutes", slideMinutes)
                .put("baseline_hours", baselineHours)
                .put("min_history_hours", minHistoryHours)
                .put("sigma", 3.0)
                .put("min_count", minCount);
        risk.putObject("owners")
                .put("*", "community-lead")
                .put("negative", "social-care")
                .put("mentions", "social-care")
                .put("spam", "trust-and-safety");
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
