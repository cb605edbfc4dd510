package io.smmpulse.core.config;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Map;

/**
 * docs/communities.md {@code risk}: the sliding windows of the risk signals and how a count is compared with
 * its baseline. A community's {@code risk} object replaces the defaults' whole.
 *
 * @param sigma kept as the decimal it was written as, so that the thresholds are compared exactly
 * @param owners signal name (or {@code *}) to the team that answers for it
 */
public record RiskConfig(
        int windowMinutes,
        int slideMinutes,
        int baselineHours,
        int minHistoryHours,
        BigDecimal sigma,
        int minCount,
        Map<String, String> owners)
        implements Serializable {

    /** docs/kpis.md's risk signals: the names in the config's {@code owners}, in kpi_risk_windows and on the alerts. */
    public static final String QUESTIONS = "questions";

    public static final String NEGATIVE = "negative";
    public static final String SPAM = "spam";
    public static final String ESCALATIONS = "escalations";
    public static final String MENTIONS = "mentions";
    public static final java.util.List<String> SIGNALS =
            java.util.List.of(QUESTIONS, NEGATIVE, SPAM, ESCALATIONS, MENTIONS);

    public static final RiskConfig DEFAULT =
            new RiskConfig(60, 5, 168, 24, new BigDecimal("3.0"), 10, Map.of("*", "community-lead"));

    public long windowMillis() {
        return windowMinutes * 60_000L;
    }

    public long slideMillis() {
        return slideMinutes * 60_000L;
    }

    /** The team that answers for {@code signal}: its own entry, else {@code *}, else {@code community-lead}. */
    /** The owners' entry for goal alerts (docs/goals.md), beside the signals' entries. */
    public static final String GOALS_OWNER = "goals";

    public String owner(String signal) {
        return owners.getOrDefault(signal, owners.getOrDefault("*", "community-lead"));
    }
}
