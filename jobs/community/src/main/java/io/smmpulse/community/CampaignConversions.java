package io.smmpulse.community;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.spam.ClassifiedEvent;
import io.smmpulse.core.state.Keys;
import io.smmpulse.core.state.KeysInState;
import io.smmpulse.core.state.Prune;
import io.smmpulse.schema.EventType;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * docs/kpis.md, campaign converters: keyed by community and actor, fed the actor's campaign clicks
 * and their form submissions and event sign-ups. A clicker converts in a (source, campaign, day)
 * group when a conversion falls in {@code [click, click + 168 h)} of one of their clicks of that
 * group; each such group adds the actor to its converters once ({@link CommunityKpis#CAMPAIGNS}).
 *
 * <p>State: clicks until the watermark passes click + 168 h + the allowed lateness (no accepted
 * conversion can fall in their window after that), conversions until it passes their time + the
 * allowed lateness (no accepted click can precede them after that), each + {@link Periods}' slack,
 * and the groups already converted while they have clicks.
 */
public class CampaignConversions extends ResultOperator<ClassifiedEvent, GroupDelta> {
    private static final String CLICKS = "clicks";
    private static final String CONVERSIONS = "conversions";

    private final Communities communities;
    private final long latenessMillis;
    private transient Periods periods;
    private transient ListState<CampaignClick> clicks;
    private transient ListState<Long> conversions;
    private transient MapState<String, Boolean> converted;

    public CampaignConversions(Communities communities, long latenessMillis) {
        this.communities = communities;
        this.latenessMillis = latenessMillis;
    }

    public static boolean isConversion(ClassifiedEvent c) {
        return c.event.getEventType() == EventType.FORM_SUBMIT || c.event.getEventType() == EventType.EVENT_SIGNUP;
    }

    @Override
    protected void openState() {
        periods = new Periods(latenessMillis);
        clicks = getRuntimeContext().getListState(new ListStateDescriptor<>(CLICKS, CampaignClick.class));
        conversions = getRuntimeContext().getListState(new ListStateDescriptor<>(CONVERSIONS, Long.class));
        converted = getRuntimeContext().getMapState(new MapStateDescriptor<>("converted", String.class, Boolean.class));
    }

    @Override
    protected void restoreDue() throws Exception {
        KeysInState.forEach(this, CLICKS, () -> {
            for (CampaignClick click : clicks.get()) {
                releaseAt(clickDue(click.time));
            }
        });
        KeysInState.forEach(this, CONVERSIONS, () -> {
            for (Long time : conversions.get()) {
                releaseAt(conversionDue(time));
            }
        });
    }

    private long clickDue(long time) {
        return Periods.releaseAfter(time + PostResults.WINDOW_MILLIS, latenessMillis);
    }

    private long conversionDue(long time) {
        return Periods.releaseAfter(time, latenessMillis);
    }

    @Override
    public void processElement(StreamRecord<ClassifiedEvent> record) throws Exception {
        ClassifiedEvent c = record.getValue();
        long time = c.event.getOccurredAt().toEpochMilli();
        String actor = c.event.getActorId();
        if (isConversion(c)) {
            conversions.add(time);
            releaseAt(conversionDue(time));
            for (CampaignClick click : clicks.get()) {
                convertIfWithin(click, time, actor);
            }
            return;
        }
        Counted counted = new Counted(c.event, false, communities.forCommunity(c.event.getCommunityId()), periods);
        CampaignClick click = new CampaignClick();
        click.group = CommunityKpis.campaignDay(counted);
        click.groupClose = CommunityKpis.campaignClose(counted);
        click.time = time;
        clicks.add(click);
        releaseAt(clickDue(time));
        for (Long conversion : conversions.get()) {
            convertIfWithin(click, conversion, actor);
        }
    }

    private void convertIfWithin(CampaignClick click, long conversion, String actor) throws Exception {
        if (conversion < click.time || conversion >= click.time + PostResults.WINDOW_MILLIS) {
            return;
        }
        String group = Keys.of(click.group);
        if (converted.contains(group)) {
            return;
        }
        converted.put(group, true);
        GroupDelta delta = CommunityKpis.CAMPAIGNS
                .delta(click.group, click.groupClose, 1)
                .member(CommunityKpis.CAMPAIGN_CONVERTERS, actor);
        output.collect(new StreamRecord<>(delta));
    }

    @Override
    protected void release() throws Exception {
        Set<String> groupsWithClicks = new HashSet<>();
        for (CampaignClick click : Prune.list(clicks, click -> clickDue(click.time) > watermark)) {
            groupsWithClicks.add(Keys.of(click.group));
        }
        Prune.list(conversions, time -> conversionDue(time) > watermark);
        Prune.map(converted, group -> groupsWithClicks.contains(group.getKey()));
    }
}
