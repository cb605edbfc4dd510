package io.smmpulse.community;

import java.io.Serializable;

/** A KPI counted per group: its name and the shape of its rows (counters and distinct sets). */
public interface GroupKpi extends Serializable {
    /** Names the KPI's operators (uids are derived from it). */
    String name();

    int counters();

    int sets();

    default GroupDelta delta(String[] dims, long closeAt, int sign) {
        return new GroupDelta(name(), dims, closeAt, counters(), sets(), sign);
    }
}
