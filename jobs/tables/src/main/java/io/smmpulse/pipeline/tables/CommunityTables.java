package io.smmpulse.pipeline.tables;

import io.smmpulse.clickhouse.RowMapping;
import io.smmpulse.clickhouse.RowWriter;
import io.smmpulse.community.CommunityKpis;
import io.smmpulse.community.GroupKpi;
import io.smmpulse.community.GroupRow;
import io.smmpulse.community.PostRow;
import io.smmpulse.community.RetentionMembers;
import java.util.ArrayList;
import java.util.List;

/** Row mappings of the community and content result tables (sql/040, sql/050, sql/060). */
public final class CommunityTables {
    private CommunityTables() {}

    /**
     * A group KPI's table: its dimension columns (those named in {@code days} hold epoch days), then
     * the KPI's counters, then the sizes of its sets, named as the KPI names them.
     */
    public record GroupTable(GroupKpi kpi, String table, List<String> dims, List<String> days)
            implements java.io.Serializable {
        public List<String> columns() {
            List<String> columns = new ArrayList<>(dims);
            columns.addAll(kpi.counterNames());
            columns.addAll(kpi.setNames());
            return columns;
        }

        public RowMapping<GroupRow> mapping() {
            List<String> columns = columns();
            boolean[] isDay = new boolean[dims.size()];
            for (int i = 0; i < dims.size(); i++) {
                isDay[i] = days.contains(dims.get(i));
            }
            String name = table;
            return new RowMapping<>() {
                @Override
                public String table() {
                    return name;
                }

                @Override
                public List<String> columns() {
                    return columns;
                }

                @Override
                public void write(GroupRow row, RowWriter out) {
                    for (int i = 0; i < isDay.length; i++) {
                        if (isDay[i]) {
                            out.day(Long.parseLong(row.dims[i]));
                        } else {
                            out.string(row.dims[i]);
                        }
                    }
                    for (long count : row.counts) {
                        out.number(count);
                    }
                    for (long size : row.sizes) {
                        out.number(size);
                    }
                }
            };
        }
    }

    public static final List<GroupTable> GROUP_TABLES = List.of(
            new GroupTable(
                    CommunityKpis.PERIODS,
                    "period_totals",
                    List.of("community_id", "period", "period_start"),
                    List.of("period_start")),
            new GroupTable(
                    CommunityKpis.ENGAGEMENT,
                    "engagement_daily",
                    List.of("community_id", "platform", "day"),
                    List.of("day")),
            new GroupTable(
                    CommunityKpis.SENTIMENT,
                    "sentiment_daily",
                    List.of("community_id", "platform", "day"),
                    List.of("day")),
            new GroupTable(
                    CommunityKpis.ACTIVITY,
                    "activity_weekly",
                    List.of("community_id", "week_start"),
                    List.of("week_start")),
            new GroupTable(
                    CommunityKpis.UGC, "ugc_weekly", List.of("community_id", "week_start"), List.of("week_start")),
            new GroupTable(
                    CommunityKpis.PROPOSALS, "proposals_monthly", List.of("community_id", "month"), List.of("month")),
            new GroupTable(
                    CommunityKpis.CAMPAIGNS,
                    "campaigns_daily",
                    List.of("community_id", "utm_source", "utm_campaign", "day"),
                    List.of("day")),
            new GroupTable(
                    RetentionMembers.COHORTS,
                    "retention_cohorts",
                    List.of("community_id", "activity", "cohort_day"),
                    List.of("cohort_day")));

    public static final RowMapping<PostRow> CONTENT_POSTS = new RowMapping<>() {
        @Override
        public String table() {
            return "content_posts";
        }

        @Override
        public List<String> columns() {
            return List.of(
                    "community_id",
                    "post_id",
                    "published_at",
                    "next_step",
                    "week_start",
                    "month_start",
                    "views",
                    "unique_viewers",
                    "saves",
                    "shares",
                    "faq_clicks",
                    "guide_clicks",
                    "viewers_7d",
                    "converters_7d");
        }

        @Override
        public void write(PostRow r, RowWriter out) {
            out.string(r.communityId)
                    .string(r.postId)
                    .number(r.publishedAt)
                    .string(r.nextStep)
                    .day(r.weekStart)
                    .day(r.monthStart)
                    .number(r.views)
                    .number(r.uniqueViewers)
                    .number(r.saves)
                    .number(r.shares)
                    .number(r.faqClicks)
                    .number(r.guideClicks)
                    .number(r.viewers7d)
                    .number(r.converters7d);
        }
    };
}
