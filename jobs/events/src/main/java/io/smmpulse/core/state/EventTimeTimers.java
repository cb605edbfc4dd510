package io.smmpulse.core.state;

import org.apache.flink.streaming.api.TimerService;

/** Keyed functions that keep one release timer per key and move it as the key's state changes. */
public final class EventTimeTimers {
    private EventTimeTimers() {}

    /**
     * Moves the key's event-time timer from {@code registered} (null: none yet) to {@code wanted}
     * and returns {@code wanted}, to be kept in the key's state; nothing happens when they are equal.
     */
    public static long move(TimerService timers, Long registered, long wanted) {
        if (registered != null && registered == wanted) {
            return wanted;
        }
        if (registered != null) {
            timers.deleteEventTimeTimer(registered);
        }
        timers.registerEventTimeTimer(wanted);
        return wanted;
    }
}
