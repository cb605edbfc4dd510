package io.smmpulse.pipeline.tables;

import io.smmpulse.clickhouse.RowMapping;
import io.smmpulse.clickhouse.RowWriter;
import io.smmpulse.core.config.BusinessCalendar;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.event.Roles;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.schema.SocialEvent;
import java.util.List;
import java.util.Locale;

/**
 * Every KPI event once, with what only the job knows: its spam verdict (revised when an
 * out-of-order item changes it) and its local day, week and month in the community's zone. No
 * view reads it (the views read the results the job keeps, jobs/community); it is there for
 * analysts' own questions, and as the raw form the results are checked and benchmarked against;
 * written only with {@code PULSE_KPI_EVENTS=true}.
 */
public final class KpiEventRows {
    public static final String TABLE = "kpi_events";

    private KpiEventRows() {}

    /** One row per event (key event_id): a spam revision rewrites the row. */
    public static RowMapping<ClassifiedEvent> mapping(Communities communities) {
        return new RowMapping<>() {
            @Override
            public String table() {
                return TABLE;
            }

            @Override
            public List<String> columns() {
                return List.of(
                        "event_id",
                        "community_id",
                        "platform",
                        "actor_id",
                        "actor_role",
                        "is_member",
                        "event_type",
                        "occurred_at",
                        "day",
                        "week_start",
                        "month_start",
                        "content_id",
                        "parent_id",
                        "thread_id",
                        "next_step",
                        "link_target",
                        "reaction",
                        "proposal_id",
                        "is_spam",
                        "utm_source",
                        "utm_campaign",
                        "sentiment",
                        "is_negative");
            }

            @Override
            public void write(ClassifiedEvent c, RowWriter out) {
                SocialEvent e = c.event;
                long at = e.getOccurredAt().toEpochMilli();
                BusinessCalendar.LocalDay day =
                        communities.forCommunity(e.getCommunityId()).calendar().localDay(at);
                out.string(e.getEventId())
                        .string(e.getCommunityId())
                        .string(e.getPlatform())
                        .string(e.getActorId())
                        .symbol(e.getActorRole())
                        .flag(Roles.isMember(e.getActorRole()))
                        .symbol(e.getEventType())
                        .number(at)
                        .day(day.epochDay())
                        .day(day.weekStart())
                        .day(day.monthStart())
                        .string(e.getContentId())
                        .string(e.getParentId())
                        .string(e.getThreadId())
                        .symbol(e.getNextStep())
                        .symbol(e.getLinkTarget())
                        .string(e.getReaction() == null ? null : e.getReaction().toLowerCase(Locale.ROOT))
                        .string(e.getProposalId())
                        .flag(c.spam)
                        .string(e.getUtmSource())
                        .string(e.getUtmCampaign())
                        .symbol(e.getSentiment())
                        .flag(communities.forCommunity(e.getCommunityId()).isNegative(e));
            }
        };
    }
}
