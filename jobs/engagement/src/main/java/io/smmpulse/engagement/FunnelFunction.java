package io.smmpulse.engagement;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.CommunityConfig;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.config.Funnel;
import io.smmpulse.core.event.Roles;
import io.smmpulse.core.state.EventTimeTimers;
import io.smmpulse.core.state.Keys;
import io.smmpulse.schema.SocialEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The level of every step-1 event of a member in every funnel of the community (docs/kpis.md): the
 * largest k such that the same actor's events match steps 2..k at non-decreasing times in
 * {@code [e.t, e.t + window)}, each event filling one step. Keyed by community and actor. Filling
 * as many next steps as possible at each instant is optimal, so one pass over the actor's events in
 * time order decides a level (events of one millisecond fill their steps in whichever order
 * fills most); an event, in order or not (within the allowed lateness), is placed in order and
 * only the levels it can change are decided again: its own, and, if it fills a later step, those
 * of the step-1 events whose window holds it. A level is emitted when it changes; the table keeps
 * the newest per step-1 event. A member's flood of step-1 events in time order costs a binary
 * search and one short scan per event; a later step that follows a flood decides again every
 * step-1 event of its window once.
 *
 * <p>Its input holds only events that match some step of a funnel of their community
 * ({@link FunnelTopology} filters them before the shuffle). State: the actor's events, each kept
 * until the watermark is past its time plus the longest window plus the allowed lateness: by then
 * no event can arrive that would change a level it takes part in. One release timer per key.
 */
public class FunnelFunction extends KeyedProcessFunction<String, SocialEvent, FunnelEntry> {
    private static final Comparator<FunnelState.StepEvent> ORDER =
            Comparator.<FunnelState.StepEvent>comparingLong(e -> e.at).thenComparing(e -> e.eventId);

    private final Communities communities;
    private final EventTimeSettings settings;
    private transient ValueState<FunnelState> state;

    public FunnelFunction(Communities communities, EventTimeSettings settings) {
        this.communities = communities;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("funnel-events", FunnelState.class));
    }

    @Override
    public void processElement(SocialEvent event, Context ctx, Collector<FunnelEntry> out) throws Exception {
        CommunityConfig config = communities.forCommunity(event.getCommunityId());
        FunnelState actor = state.value();
        if (actor == null) {
            actor = new FunnelState();
        }
        FunnelState.StepEvent step = new FunnelState.StepEvent();
        step.at = event.getOccurredAt().toEpochMilli();
        step.eventId = event.getEventId();
        step.eventType = event.getEventType();
        step.linkTarget = event.getLinkTarget();
        step.byMember = Roles.isMember(event.getActorRole());
        int position = java.util.Collections.binarySearch(actor.events, step, ORDER);
        if (position >= 0) {
            return; // a copy of an event already placed (copies share their time and id)
        }
        actor.events.add(-position - 1, step);
        for (Funnel funnel : config.funnels()) {
            decideLevels(funnel, config, event, actor, step, out);
        }
        long releaseAt = actor.events.get(0).at + longestWindow(config) + settings.latenessMillis() + 1;
        actor.releaseTimer = EventTimeTimers.move(ctx.timerService(), actor.releaseTimer, releaseAt);
        state.update(actor);
    }

    /**
     * Decides again the levels the new event can change: its own, if it is a step-1 event of a
     * member, and, if it matches a later step, those of the step-1 events whose window holds it
     * ({@code (t - window, t]}). A level only grows as events are added, so one already complete is
     * left alone. The work per event is bounded by the actor's events in one window.
     */
    private void decideLevels(
            Funnel funnel,
            CommunityConfig config,
            SocialEvent event,
            FunnelState actor,
            FunnelState.StepEvent added,
            Collector<FunnelEntry> out) {
        List<Funnel.Step> steps = funnel.steps();
        boolean fillsALaterStep =
                steps.subList(1, steps.size()).stream().anyMatch(s -> s.matches(added.eventType, added.linkTarget));
        if (fillsALaterStep) {
            int to = firstAtOrAfter(actor.events, added.at + 1);
            for (int i = firstAtOrAfter(actor.events, added.at - funnel.windowMillis() + 1); i < to; i++) {
                FunnelState.StepEvent entry = actor.events.get(i);
                if (entry != added) {
                    decide(funnel, config, event, actor, entry, out);
                }
            }
        }
        decide(funnel, config, event, actor, added, out);
    }

    private void decide(
            Funnel funnel,
            CommunityConfig config,
            SocialEvent event,
            FunnelState actor,
            FunnelState.StepEvent entry,
            Collector<FunnelEntry> out) {
        List<Funnel.Step> steps = funnel.steps();
        if (!entry.byMember || !steps.get(0).matches(entry.eventType, entry.linkTarget)) {
            return;
        }
        String key = Keys.of(funnel.name(), entry.eventId);
        Integer previous = actor.emitted.get(key);
        if (previous != null && previous == steps.size()) {
            return;
        }
        int level = level(steps, funnel.windowMillis(), entry, actor.events);
        if (previous == null || previous != level) {
            actor.emitted.put(key, level);
            out.collect(new FunnelEntry(
                    event.getCommunityId(),
                    funnel.name(),
                    entry.eventId,
                    event.getActorId(),
                    config.calendar().localDay(entry.at).weekStart(),
                    level,
                    steps.size()));
        }
    }

    /** The index of the first event at or after {@code at} (events are in time order). */
    static int firstAtOrAfter(List<FunnelState.StepEvent> events, long at) {
        int low = 0;
        int high = events.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (events.get(middle).at < at) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The level of {@code entry}: its window scanned from the first event at its time. */
    static int level(
            List<Funnel.Step> steps,
            long windowMillis,
            FunnelState.StepEvent entry,
            List<FunnelState.StepEvent> events) {
        int level = 1;
        long end = entry.at + windowMillis;
        List<FunnelState.StepEvent> instant = new ArrayList<>();
        int i = firstAtOrAfter(events, entry.at);
        while (i < events.size() && level < steps.size()) {
            long at = events.get(i).at;
            if (at >= end) {
                break;
            }
            instant.clear();
            for (; i < events.size() && events.get(i).at == at; i++) {
                if (events.get(i) != entry && at >= entry.at) {
                    instant.add(events.get(i));
                }
            }
            level += stepsFilled(steps, level, instant);
        }
        return level;
    }

    /**
     * How many steps from {@code from} on the events of one instant can fill, each event one step,
     * in any order among themselves (equal times are non-decreasing): a matching of steps to
     * events, grown a step at a time until a step finds no event. Filling as many steps as possible
     * at the earliest instant is optimal, as every later step needs a later or equal time.
     */
    static int stepsFilled(List<Funnel.Step> steps, int from, List<FunnelState.StepEvent> instant) {
        if (instant.size() <= 1) {
            return instant.size() == 1 && steps.get(from).matches(instant.get(0).eventType, instant.get(0).linkTarget)
                    ? 1
                    : 0;
        }
        int[] stepOfEvent = new int[instant.size()];
        java.util.Arrays.fill(stepOfEvent, -1);
        int filled = 0;
        while (from + filled < steps.size()
                && assign(from + filled, steps, instant, stepOfEvent, new boolean[instant.size()])) {
            filled++;
        }
        return filled;
    }

    /** Gives the step an event, moving an event's earlier step to another event where that frees one (an augmenting path). */
    private static boolean assign(
            int step,
            List<Funnel.Step> steps,
            List<FunnelState.StepEvent> instant,
            int[] stepOfEvent,
            boolean[] tried) {
        for (int e = 0; e < instant.size(); e++) {
            if (tried[e] || !steps.get(step).matches(instant.get(e).eventType, instant.get(e).linkTarget)) {
                continue;
            }
            tried[e] = true;
            if (stepOfEvent[e] < 0 || assign(stepOfEvent[e], steps, instant, stepOfEvent, tried)) {
                stepOfEvent[e] = step;
                return true;
            }
        }
        return false;
    }

    private static long longestWindow(CommunityConfig config) {
        return config.funnels().stream().mapToLong(Funnel::windowMillis).max().orElse(0);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FunnelEntry> out) throws Exception {
        FunnelState actor = state.value();
        if (actor == null) {
            return;
        }
        long keep =
                longestWindow(communities.forCommunity(Keys.first(ctx.getCurrentKey()))) + settings.latenessMillis();
        long watermark = ctx.timerService().currentWatermark();
        List<Funnel> funnels =
                communities.forCommunity(Keys.first(ctx.getCurrentKey())).funnels();
        int gone = 0;
        while (gone < actor.events.size() && actor.events.get(gone).at + keep < watermark) {
            String eventId = actor.events.get(gone++).eventId;
            for (Funnel funnel : funnels) {
                actor.emitted.remove(Keys.of(funnel.name(), eventId));
            }
        }
        actor.events.subList(0, gone).clear();
        if (actor.events.isEmpty()) {
            state.clear();
            return;
        }
        actor.releaseTimer = actor.events.get(0).at + keep + 1;
        ctx.timerService().registerEventTimeTimer(actor.releaseTimer);
        state.update(actor);
    }
}
