package io.smmpulse.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The {@code goals} list and {@code goal_alert_after} of the communities config (docs/communities.md). */
final class GoalsJson {
    static final double DEFAULT_ALERT_AFTER = 0.5;

    private GoalsJson() {}

    static List<Goal> goals(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ConfigException(where + " must be a list of goals such as "
                    + "[{\"metric\": \"sla_share\", \"period\": \"week\", \"target\": 0.9}]");
        }
        List<Goal> goals = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (JsonNode goal : node) {
            String at = where + "[" + index++ + "]";
            if (!goal.isObject()) {
                throw new ConfigException(at + " must be an object with metric, period and target");
            }
            Goal.Metric metric = named(goal.get("metric"), Goal.Metric.class, at + ".metric", Goal.Metric.sqlNames());
            Goal.Period period = named(goal.get("period"), Goal.Period.class, at + ".period", List.of("week", "month"));
            JsonNode target = goal.get("target");
            if (target == null || !target.isNumber() || !Double.isFinite(target.asDouble())) {
                throw new ConfigException(at + ".target must be a number, got " + target);
            }
            if (!seen.add(metric.sqlName() + "/" + period.sqlName())) {
                throw new ConfigException(at + ": a second goal for " + metric.sqlName() + " per " + period.sqlName());
            }
            goals.add(new Goal(metric, period, target.asDouble()));
        }
        return List.copyOf(goals);
    }

    static double alertAfter(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return DEFAULT_ALERT_AFTER;
        }
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
            throw new ConfigException(where + " must be a number from 0 to 1, got " + node);
        }
        return node.asDouble();
    }

    private static <E extends Enum<E>> E named(JsonNode node, Class<E> type, String where, List<String> names) {
        if (node == null || !node.isTextual() || !names.contains(node.asText())) {
            throw new ConfigException(where + " must be one of " + String.join(", ", names) + ", got " + node);
        }
        return Enum.valueOf(type, node.asText().toUpperCase(Locale.ROOT));
    }
}
