package io.smmpulse.community;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.core.spam.SpamTopology;
import io.smmpulse.core.state.Keys;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;

/**
 * The community and content KPIs as results (docs/kpis.md): every classified event once, in,
 * rows of groups (a community's day, week, month, cohort, campaign day) and of brand posts out.
 * The functions that key by community and actor, as the classifier does, stay in its tasks.
 */
public final class CommunityTopology {
    /** The group KPIs one event decides alone. */
    public static final List<PerEventKpi> DIRECT = List.of(
            CommunityKpis.ENGAGEMENT,
            CommunityKpis.SENTIMENT,
            CommunityKpis.ACTIVITY,
            CommunityKpis.UGC,
            CommunityKpis.PROPOSALS,
            CommunityKpis.CAMPAIGNS,
            CommunityKpis.PERIODS);

    public record Streams(DataStream<GroupRow> groups, DataStream<PostRow> posts) {
        /** The rows of one group KPI. */
        public DataStream<GroupRow> of(GroupKpi kpi) {
            String name = kpi.name();
            return groups.filter(row -> row.kpi.equals(name))
                    .name("Rows of " + name)
                    .uid("group-rows-" + name);
        }
    }

    private CommunityTopology() {}

    public static Streams build(
            SpamTopology.Classified classified, Communities communities, EventTimeSettings settings) {
        long lateness = settings.latenessMillis();
        TypeInformation<GroupDelta> deltas = GroupDeltaSerializer.TYPE;
        DataStream<GroupDelta> direct = classified
                .memberItems()
                .transform("Group KPIs (members' items)", deltas, new GroupContributions(DIRECT, communities, lateness))
                .uid("group-kpis-items")
                .union(classified
                        .others()
                        .transform(
                                "Group KPIs (other events)",
                                deltas,
                                new GroupContributions(DIRECT, communities, lateness))
                        .uid("group-kpis-others"));

        KeySelector<ClassifiedEvent, String> byActor = c -> Keys.actor(c.event);
        DataStream<GroupDelta> retention = DataStreamUtils.reinterpretAsKeyedStream(
                        classified.select(
                                c -> RetentionMembers.activityOf(c) >= 0, "Retention activities", "retention-input"),
                        byActor)
                .transform("Retention per member", deltas, new RetentionMembers(communities))
                .uid("retention-members");
        DataStream<GroupDelta> conversions = DataStreamUtils.reinterpretAsKeyedStream(
                        classified.select(
                                c -> CommunityKpis.isCampaignClick(c.event) || CampaignConversions.isConversion(c),
                                "Campaign clicks and conversions",
                                "campaign-input"),
                        byActor)
                .transform("Campaign conversions", deltas, new CampaignConversions(communities, lateness))
                .uid("campaign-conversions");
        DataStream<GroupDelta> helpful = slim(
                        classified, HelpfulItems::itemOf, "Items and helpful reactions", "helpful-input")
                .keyBy(ContentEvent::key)
                .transform("Helpful items", deltas, new HelpfulItems(communities, lateness))
                .uid("helpful-items");

        DataStream<GroupRow> groups = direct.union(retention, conversions, helpful)
                .keyBy(GroupDelta::key)
                .transform("Group KPIs", TypeInformation.of(GroupRow.class), new GroupAggregator())
                .uid("group-kpis");
        DataStream<PostRow> posts = slim(
                        classified, PostResults::postOf, "Brand posts and events on content", "post-input")
                .keyBy(ContentEvent::key)
                .transform("Brand posts", TypeInformation.of(PostRow.class), new PostResults(communities, lateness))
                .uid("brand-posts");
        return new Streams(groups, posts);
    }

    /** The events {@code target} names a post or item for, slimmed to what the per-post or per-item function reads. */
    private static DataStream<ContentEvent> slim(
            SpamTopology.Classified classified, KeySelector<ClassifiedEvent, String> target, String name, String uid) {
        org.apache.flink.api.common.functions.FlatMapFunction<ClassifiedEvent, ContentEvent> toSlim = (c, out) -> {
            String t = target.getKey(c);
            if (t != null) {
                out.collect(ContentEvent.of(c, t));
            }
        };
        return classified
                .memberItems()
                .flatMap(toSlim)
                .returns(ContentEventSerializer.TYPE)
                .name(name + " (members' items)")
                .uid(uid + "-items")
                .union(classified
                        .others()
                        .flatMap(toSlim)
                        .returns(ContentEventSerializer.TYPE)
                        .name(name + " (other events)")
                        .uid(uid + "-others"));
    }
}
