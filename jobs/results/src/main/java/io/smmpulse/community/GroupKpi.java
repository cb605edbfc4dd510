package io.smmpulse.community;

import java.io.Serializable;
import java.util.List;

/** A KPI counted per group: its name and the shape of its rows (counters and distinct sets). */
public interface GroupKpi extends Serializable {
    /** Names the KPI's operators (uids are derived from it). */
    String name();

    /**
     * The names of its counters in the order of their positions in a {@link GroupDelta}: the columns of its
     * table, which takes them from here.
     */
    List<String> counterNames();

    /** The names of its distinct sets (their sizes are columns too), in the order of their positions. */
    List<String> setNames();

    default int counters() {
        return counterNames().size();
    }

    default int sets() {
        return setNames().size();
    }

    default GroupDelta delta(String[] dims, long closeAt, int sign) {
        return new GroupDelta(name(), dims, closeAt, counters(), sets(), sign);
    }
}
