package io.smmpulse.community;

import io.smmpulse.core.config.BusinessCalendar;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * When state that events up to an instant can change may be let go: the instant + the allowed
 * lateness (the last accepted event) + the spam window (the last revision such an event can
 * cause) + a week of slack. The slack is for a Kafka partition that stalls while behind (a broker
 * down during a backlog): after 10 s it is idle and the others carry the watermark on, so its
 * records, still accepted by their own source's watermark, reach these operators behind theirs.
 * All events of a community share a partition, so a week covers any stall shorter than a week.
 * Ends of weeks and months are remembered per calendar (a few per community).
 */
final class Periods {
    static final long SPAM_WINDOW_MILLIS = 60_000;
    static final long STALL_SLACK_MILLIS = 7L * 86_400_000;

    private final long latenessMillis;
    private final Map<BusinessCalendar, Map<Long, Long>> weekEnds = new HashMap<>();
    private final Map<BusinessCalendar, Map<Long, Long>> monthEnds = new HashMap<>();

    Periods(long latenessMillis) {
        this.latenessMillis = latenessMillis;
    }

    long close(long periodEnd) {
        return releaseAfter(periodEnd, latenessMillis);
    }

    /** When state that accepted events up to {@code time} can still change may be released. */
    static long releaseAfter(long time, long latenessMillis) {
        return time + latenessMillis + SPAM_WINDOW_MILLIS + STALL_SLACK_MILLIS + 1;
    }

    /** When the sets of a group of the local week starting on {@code weekStart} can no longer change. */
    long weekClose(BusinessCalendar calendar, long weekStart) {
        return close(weekEnd(calendar, weekStart));
    }

    long monthClose(BusinessCalendar calendar, long monthStart) {
        return close(monthEnd(calendar, monthStart));
    }

    private long weekEnd(BusinessCalendar calendar, long weekStart) {
        return weekEnds.computeIfAbsent(calendar, c -> new HashMap<>())
                .computeIfAbsent(weekStart, w -> calendar.startOf(w + 7));
    }

    private long monthEnd(BusinessCalendar calendar, long monthStart) {
        return monthEnds
                .computeIfAbsent(calendar, c -> new HashMap<>())
                .computeIfAbsent(
                        monthStart,
                        m -> calendar.startOf(
                                LocalDate.ofEpochDay(m).plusMonths(1).toEpochDay()));
    }
}
