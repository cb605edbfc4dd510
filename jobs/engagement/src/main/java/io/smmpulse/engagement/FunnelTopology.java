package io.smmpulse.engagement;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.state.Keys;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.streaming.api.datastream.DataStream;

/** docs/kpis.md funnels: one row per funnel and step-1 event with its level; the view kpi_funnel_weekly counts users per step (sql/060). */
public final class FunnelTopology {
    private FunnelTopology() {}

    public static DataStream<FunnelEntry> build(
            DataStream<SocialEvent> events, Communities communities, EventTimeSettings settings) {
        return events.filter(e -> communities.forCommunity(e.getCommunityId()).funnels().stream()
                        .anyMatch(f -> f.matchesAnyStep(e)))
                .name("Funnel step events")
                .uid("funnel-input")
                .keyBy(Keys::actor)
                .process(new FunnelFunction(communities, settings))
                .name("Funnel levels per step-1 event")
                .uid("funnel-levels");
    }
}
