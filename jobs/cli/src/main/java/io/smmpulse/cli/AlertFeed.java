package io.smmpulse.cli;

import io.smmpulse.dispatcher.AlertmanagerPayload;
import io.smmpulse.schema.AlertStatus;
import io.smmpulse.schema.SlaAlert;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The demo's live alert feed: breaches and at-risk warnings whose instant just passed are listed
 * with their delay after it; alerts for the generated history are only counted.
 */
final class AlertFeed implements Consumer<SlaAlert> {
    private static final long LIVE_WINDOW_MILLIS = 60_000;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final List<String> lines = new ArrayList<>();
    /** Risk spikes and goal alerts are few and the crisis is what the demo shows: listed first, never crowded out by questions. */
    private final List<String> riskLines = new ArrayList<>();

    private long historical;
    private long live;

    @Override
    public synchronized void accept(SlaAlert alert) {
        long now = System.currentTimeMillis();
        long deadline = AlertmanagerPayload.startsAt(alert).toEpochMilli();
        if (alert.getStatus() != AlertStatus.FIRING || now - deadline > LIVE_WINDOW_MILLIS) {
            historical++;
            return;
        }
        live++;
        if (AlertmanagerPayload.isGoal(alert)) {
            riskLines.add(String.format(
                    "  GOAL    %-9s owner %-16s hour %s UTC, alert %.1f s after it: %s%n",
                    alert.getCommunityId(),
                    alert.getOwner(),
                    TIME.format(Instant.ofEpochMilli(deadline)),
                    (now - deadline) / 1000.0,
                    alert.getSummary()));
        } else if (AlertmanagerPayload.isRisk(alert)) {
            riskLines.add(String.format(
                    "  RISK    %-9s %-8s %-11s owner %-16s window to %s UTC, alert %.1f s after it: %s%n",
                    alert.getCommunityId(),
                    alert.getSeverity(),
                    alert.getSignal(),
                    alert.getOwner(),
                    TIME.format(Instant.ofEpochMilli(deadline)),
                    (now - deadline) / 1000.0,
                    alert.getSummary()));
        } else if (lines.size() < 8) {
            lines.add(String.format(
                    "  %-7s %-9s %-10s %-8s %-7s %-22s %s %s UTC, alert %.1f s after it%n",
                    AlertmanagerPayload.isBreach(alert) ? "BREACH" : "AT RISK",
                    alert.getCommunityId(),
                    alert.getPlatform(),
                    alert.getChannel(),
                    alert.getPriority(),
                    alert.getQuestionId(),
                    AlertmanagerPayload.isBreach(alert) ? "deadline" : "warning ",
                    TIME.format(Instant.ofEpochMilli(deadline)),
                    (now - deadline) / 1000.0));
        }
    }

    synchronized String drain() {
        StringBuilder out = new StringBuilder();
        if (live > 0) {
            out.append(
                            "live alerts (SLA breaches, at-risk warnings, risk spikes, goals off track) since the last refresh: ")
                    .append(live)
                    .append('\n');
            riskLines.forEach(out::append);
            lines.forEach(out::append);
        }
        if (historical > 0) {
            out.append("(").append(historical).append(" alert transitions for the generated history)\n");
        }
        lines.clear();
        riskLines.clear();
        live = 0;
        historical = 0;
        return out.toString();
    }
}
