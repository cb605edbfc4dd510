package io.smmpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smmpulse.schema.AlertStatus;
import io.smmpulse.schema.SlaAlert;
import java.time.Instant;

/** An SLA alert as Alertmanager's API takes it ({@code POST /api/v2/alerts}: a JSON array of alerts). */
final class AlertmanagerPayload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertmanagerPayload() {}

    static String severity(String priority) {
        return switch (priority) {
            case "URGENT" -> "critical";
            case "HIGH" -> "major";
            case "LOW" -> "info";
            default -> "warning";
        };
    }

    static String json(SlaAlert alert) {
        ArrayNode array = JSON.createArrayNode();
        ObjectNode node = array.addObject();
        node.put("status", alert.getStatus() == AlertStatus.RESOLVED ? "resolved" : "firing");
        ObjectNode labels = node.putObject("labels");
        labels.put("alertname", "SmmPulseSlaBreached");
        labels.put("community", alert.getCommunityId());
        labels.put("platform", alert.getPlatform());
        labels.put("channel", alert.getChannel());
        labels.put("priority", alert.getPriority());
        labels.put("severity", severity(alert.getPriority()));
        labels.put("question_id", alert.getQuestionId());
        ObjectNode annotations = node.putObject("annotations");
        annotations.put("summary", "First-response SLA breached: " + alert.getCommunityId() + " " + alert.getPlatform() + " "
                + alert.getChannel() + " question " + alert.getQuestionId());
        annotations.put("description", "Asked at " + alert.getAskedAt() + ", deadline " + alert.getDeadlineAt() + ", "
                + (alert.getRespondedAt() == null ? "no brand reply yet" : "first brand reply at " + alert.getRespondedAt()) + ".");
        node.put("startsAt", alert.getDeadlineAt().toString());
        if (alert.getStatus() == AlertStatus.RESOLVED) {
            Instant end = alert.getRespondedAt() != null ? alert.getRespondedAt() : alert.getDecidedAt();
            node.put("endsAt", end.toString());
        }
        node.put("generatorURL", "smm-pulse://kpi_sla_breaches/" + alert.getCommunityId() + "/" + alert.getQuestionId());
        return array.toString();
    }
}
