package io.smmpulse.community;

import java.util.function.Consumer;

/** A group KPI that each event changes on its own ({@link GroupContributions} runs it), without state per entity. */
public interface PerEventKpi extends GroupKpi {
    /** The event's deltas, each made with {@code sign} (+1 counts the event, -1 takes it back). */
    void contribute(Counted event, int sign, Consumer<GroupDelta> out);
}
