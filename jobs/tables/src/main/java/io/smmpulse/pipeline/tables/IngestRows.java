package io.smmpulse.pipeline.tables;

import io.smmpulse.clickhouse.RowMapping;
import io.smmpulse.clickhouse.RowWriter;
import io.smmpulse.core.event.RejectedEvent;
import io.smmpulse.core.ingest.LateEvent;
import io.smmpulse.schema.SocialEvent;
import java.util.List;

/** Row mappings of the raw tables: events, rejected_events, late_events (sql/010_raw_tables.sql). */
public final class IngestRows {
    private static final List<String> EVENT_COLUMNS = List.of(
            "event_id",
            "event_type",
            "occurred_at",
            "platform",
            "community_id",
            "actor_id",
            "actor_role",
            "content_id",
            "parent_id",
            "thread_id",
            "channel",
            "is_question",
            "priority",
            "next_step",
            "reaction",
            "link_target",
            "utm_source",
            "utm_medium",
            "utm_campaign",
            "utm_content",
            "case_id",
            "proposal_id",
            "text",
            "sentiment");

    private IngestRows() {}

    static void writeEvent(SocialEvent e, RowWriter out) {
        out.string(e.getEventId())
                .symbol(e.getEventType())
                .number(e.getOccurredAt().toEpochMilli())
                .string(e.getPlatform())
                .string(e.getCommunityId())
                .string(e.getActorId())
                .symbol(e.getActorRole())
                .string(e.getContentId())
                .string(e.getParentId())
                .string(e.getThreadId())
                .symbol(e.getChannel())
                .flag(e.getIsQuestion())
                .symbol(e.getPriority())
                .symbol(e.getNextStep())
                .string(e.getReaction())
                .symbol(e.getLinkTarget())
                .string(e.getUtmSource())
                .string(e.getUtmMedium())
                .string(e.getUtmCampaign())
                .string(e.getUtmContent())
                .string(e.getCaseId())
                .string(e.getProposalId())
                .string(e.getText())
                .symbol(e.getSentiment());
    }

    public static final RowMapping<SocialEvent> EVENTS = new RowMapping<>() {
        @Override
        public String table() {
            return "events";
        }

        @Override
        public List<String> columns() {
            return EVENT_COLUMNS;
        }

        @Override
        public void write(SocialEvent e, RowWriter out) {
            writeEvent(e, out);
        }
    };

    public static final RowMapping<LateEvent> LATE_EVENTS = new RowMapping<>() {
        private final List<String> columns = concat(EVENT_COLUMNS, "watermark_at");

        @Override
        public String table() {
            return "late_events";
        }

        @Override
        public List<String> columns() {
            return columns;
        }

        @Override
        public void write(LateEvent late, RowWriter out) {
            writeEvent(late.event, out);
            out.number(late.watermark);
        }
    };

    public static final RowMapping<RejectedEvent> REJECTED_EVENTS = new RowMapping<>() {
        @Override
        public String table() {
            return "rejected_events";
        }

        @Override
        public List<String> columns() {
            return List.of("rejection_id", "source", "received_at", "reason", "payload", "payload_encoding");
        }

        @Override
        public void write(RejectedEvent r, RowWriter out) {
            out.string(r.rejectionId)
                    .string(r.source)
                    .number(r.receivedAt)
                    .string(r.reason)
                    .string(r.payload)
                    .string(r.payloadEncoding);
        }
    };

    private static List<String> concat(List<String> columns, String extra) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(columns);
        all.add(extra);
        return List.copyOf(all);
    }
}
