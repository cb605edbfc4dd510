package io.smmpulse.core.ingest;

import io.smmpulse.core.clickhouse.RowMapping;
import io.smmpulse.core.event.RejectedEvent;
import io.smmpulse.schema.SocialEvent;
import java.util.List;

/** Row mappings of the raw tables: events, rejected_events, late_events (sql/010_raw_tables.sql). */
public final class IngestRows {
    private static final List<String> EVENT_COLUMNS = List.of(
            "event_id", "event_type", "occurred_at", "platform", "community_id", "actor_id", "actor_role",
            "content_id", "parent_id", "thread_id", "channel", "is_question", "priority", "next_step", "reaction",
            "link_target", "utm_source", "utm_medium", "utm_campaign", "utm_content", "case_id", "proposal_id", "text");

    private IngestRows() {}

    static Object[] eventValues(SocialEvent e) {
        return new Object[] {
            e.getEventId(), e.getEventType().name(), e.getOccurredAt().toEpochMilli(), e.getPlatform(),
            e.getCommunityId(), e.getActorId(), e.getActorRole().name(), e.getContentId(), e.getParentId(), e.getThreadId(),
            e.getChannel().name(), e.getIsQuestion() ? 1 : 0, e.getPriority().name(), name(e.getNextStep()), e.getReaction(),
            name(e.getLinkTarget()), e.getUtmSource(), e.getUtmMedium(), e.getUtmCampaign(), e.getUtmContent(), e.getCaseId(),
            e.getProposalId(), e.getText()
        };
    }

    private static String name(Enum<?> symbol) {
        return symbol == null ? null : symbol.name();
    }

    public static final RowMapping<SocialEvent> EVENTS = new RowMapping<>() {
        @Override public String table() { return "events"; }
        @Override public List<String> columns() { return EVENT_COLUMNS; }
        @Override public Object[] values(SocialEvent e) { return eventValues(e); }
    };

    public static final RowMapping<LateEvent> LATE_EVENTS = new RowMapping<>() {
        private final List<String> columns = concat(EVENT_COLUMNS, "watermark_at");
        @Override public String table() { return "late_events"; }
        @Override public List<String> columns() { return columns; }
        @Override public Object[] values(LateEvent late) {
            Object[] event = eventValues(late.event);
            Object[] row = java.util.Arrays.copyOf(event, event.length + 1);
            row[event.length] = late.watermark;
            return row;
        }
    };

    public static final RowMapping<RejectedEvent> REJECTED_EVENTS = new RowMapping<>() {
        @Override public String table() { return "rejected_events"; }
        @Override public List<String> columns() {
            return List.of("rejection_id", "source", "received_at", "reason", "payload", "payload_encoding");
        }
        @Override public Object[] values(RejectedEvent r) {
            return new Object[] {r.rejectionId, r.source, r.receivedAt, r.reason, r.payload, r.payloadEncoding};
        }
    };

    private static List<String> concat(List<String> columns, String extra) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(columns);
        all.add(extra);
        return List.copyOf(all);
    }
}
