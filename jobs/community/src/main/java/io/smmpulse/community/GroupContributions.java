package io.smmpulse.community;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.spam.ClassifiedEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The deltas of the group KPIs for each classified event. A revision (an item passed as not spam
 * that is spam after all) takes back what the item counted as not spam and counts it as spam.
 */
public class GroupContributions extends RichFlatMapFunction<ClassifiedEvent, GroupDelta> {
    private final java.util.List<GroupKpi> kpis;
    private final Communities communities;
    private final long latenessMillis;
    private transient Periods periods;

    public GroupContributions(java.util.List<GroupKpi> kpis, Communities communities, long latenessMillis) {
        this.kpis = kpis;
        this.communities = communities;
        this.latenessMillis = latenessMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        periods = new Periods(latenessMillis);
    }

    @Override
    public void flatMap(ClassifiedEvent classified, Collector<GroupDelta> out) {
        Counted counted = new Counted(classified.event, classified.spam, communities.forCommunity(classified.event.getCommunityId()), periods);
        for (GroupKpi kpi : kpis) {
            if (classified.revision) {
                kpi.contribute(counted.withSpam(false), -1, out::collect);
            }
            kpi.contribute(counted, 1, out::collect);
        }
    }
}
