package io.smmpulse.community;

import io.smmpulse.core.config.BusinessCalendar;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * When a group of a local period can no longer change: its end + the allowed lateness (the last
 * accepted event of the period) + the spam window (the last revision such an event can cause).
 * Ends of weeks and months are remembered per calendar (a few per community).
 */
final class Periods {
    static final long SPAM_WINDOW_MILLIS = 60_000;

    private final long latenessMillis;
    private final Map<BusinessCalendar, Map<Long, Long>> weekEnds = new HashMap<>();
    private final Map<BusinessCalendar, Map<Long, Long>> monthEnds = new HashMap<>();

    Periods(long latenessMillis) {
        this.latenessMillis = latenessMillis;
    }

    long close(long periodEnd) {
        return periodEnd + latenessMillis + SPAM_WINDOW_MILLIS + 1;
    }

    long weekEnd(BusinessCalendar calendar, long weekStart) {
        return weekEnds.computeIfAbsent(calendar, c -> new HashMap<>()).computeIfAbsent(weekStart, w -> calendar.startOf(w + 7));
    }

    long monthEnd(BusinessCalendar calendar, long monthStart) {
        return monthEnds.computeIfAbsent(calendar, c -> new HashMap<>())
                .computeIfAbsent(monthStart, m -> calendar.startOf(LocalDate.ofEpochDay(m).plusMonths(1).toEpochDay()));
    }
}
