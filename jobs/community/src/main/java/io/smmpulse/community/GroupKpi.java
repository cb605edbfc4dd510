package io.smmpulse.community;

import java.io.Serializable;
import java.util.function.Consumer;

/** A KPI counted per group: what one event, with one spam verdict, changes in which groups. */
public interface GroupKpi extends Serializable {
    /** Names the KPI's operators (uids are derived from it). */
    String name();

    int counters();

    int sets();

    /** The event's deltas, each made with {@code sign} (+1 counts the event, -1 takes it back). */
    void contribute(Counted event, int sign, Consumer<GroupDelta> out);

    default GroupDelta delta(String[] dims, long closeAt, int sign) {
        return new GroupDelta(name(), dims, closeAt, counters(), sets(), sign);
    }
}
