package io.smmpulse.dispatcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smmpulse.schema.AlertStatus;
import io.smmpulse.schema.SlaAlert;
import java.time.Instant;

/**
 * An alert as Alertmanager's {@code POST /api/v2/alerts} takes it (a postable alert: labels,
 * annotations, startsAt, endsAt, generatorURL and nothing else). Alertmanager tells firing from
 * resolved by {@code endsAt}: a firing alert ends in the future (and is posted again before then),
 * a resolved one at the event-time instant its condition ended.
 */
public final class AlertmanagerPayload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertmanagerPayload() {}

    /** docs/alerts.md: a breach's severity follows the question's priority; a warning is always {@code warning}; a risk spike carries its own. */
    public static String severity(SlaAlert alert) {
        if (alert.getSeverity() != null) {
            return alert.getSeverity();
        }
        if (!isBreach(alert)) {
            return "warning";
        }
        return switch (alert.getPriority()) {
            case "URGENT" -> "critical";
            case "HIGH" -> "major";
            case "LOW" -> "info";
            default -> "warning";
        };
    }

    public static boolean isBreach(SlaAlert alert) {
        return "SmmPulseSlaBreached".equals(alert.getAlertName());
    }

    public static boolean isGoal(SlaAlert alert) {
        return alert.getMetric() != null;
    }

    public static boolean isRisk(SlaAlert alert) {
        return alert.getSignal() != null;
    }

    /** The event-time instant the alert began: v1 records have no starts_at, and were breaches. */
    public static Instant startsAt(SlaAlert alert) {
        return alert.getStartsAt() != null ? alert.getStartsAt() : alert.getDeadlineAt();
    }

    private static String query(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The Grafana dashboard that shows the alert's subject, its community selected: goals, risk
     * signals, or the dialogue (breaches and open questions).
     */
    static String link(SlaAlert alert, String dashboardUrl) {
        String dashboard = isGoal(alert) ? "pulse-goals" : isRisk(alert) ? "pulse-risk" : "pulse-dialogue";
        String base = dashboardUrl.endsWith("/") ? dashboardUrl.substring(0, dashboardUrl.length() - 1) : dashboardUrl;
        return base + "/d/" + dashboard + "?var-community=" + query(alert.getCommunityId());
    }

    /** One alert object; a firing one ends {@code ttlMillis} after {@code nowMillis}; its link opens {@code dashboardUrl}. */
    public static String json(SlaAlert alert, long nowMillis, long ttlMillis, String dashboardUrl) {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode labels = node.putObject("labels");
        labels.put("alertname", alert.getAlertName());
        labels.put("community", alert.getCommunityId());
        ObjectNode annotations = node.putObject("annotations");
        if (isGoal(alert)) {
            labels.put("metric", alert.getMetric());
            labels.put("period", alert.getPeriod());
            labels.put("period_start", alert.getPeriodStart());
            labels.put("severity", "warning");
            labels.put("owner", alert.getOwner());
            annotations.put("summary", "Goal off track: " + alert.getCommunityId() + " " + alert.getSummary());
        } else if (isRisk(alert)) {
            labels.put("signal", alert.getSignal());
            labels.put("severity", severity(alert));
            labels.put("owner", alert.getOwner());
            annotations.put("summary", "Risk spike (" + severity(alert) + "): " + alert.getSummary());
        } else {
            labels.put("platform", alert.getPlatform());
            labels.put("channel", alert.getChannel());
            labels.put("priority", alert.getPriority());
            labels.put("severity", severity(alert));
            labels.put("question_id", alert.getQuestionId());
            String what = isBreach(alert) ? "First-response SLA breached" : "First-response SLA at risk";
            annotations.put(
                    "summary",
                    what + ": " + alert.getCommunityId() + " " + alert.getPlatform() + " " + alert.getChannel()
                            + " question " + alert.getQuestionId());
            annotations.put(
                    "description",
                    "Asked at " + alert.getAskedAt() + ", deadline " + alert.getDeadlineAt() + ", "
                            + (alert.getRespondedAt() == null
                                    ? "no brand reply yet"
                                    : "first brand reply at " + alert.getRespondedAt())
                            + ".");
            if (alert.getSummary() != null) {
                annotations.put("resolution", alert.getSummary());
            }
        }
        Instant starts = startsAt(alert);
        node.put("startsAt", starts.toString());
        Instant ends;
        if (alert.getStatus() == AlertStatus.RESOLVED) {
            Instant end = alert.getEndsAt() != null
                    ? alert.getEndsAt()
                    : alert.getRespondedAt() != null ? alert.getRespondedAt() : alert.getDecidedAt();
            ends = end.isBefore(starts) ? starts : end;
        } else {
            ends = Instant.ofEpochMilli(nowMillis + ttlMillis);
        }
        node.put("endsAt", ends.toString());
        node.put("generatorURL", link(alert, dashboardUrl));
        return node.toString();
    }
}
