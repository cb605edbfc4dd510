package io.smmpulse.core.config;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Business time of one community: weekly opening hours in local time (DST by the zone's rules)
 * with holidays that have no business time at all.
 */
public final class BusinessCalendar implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Ten years of days without a single business minute means the calendar can never reach a deadline. */
    private static final int MAX_DAYS_SCANNED = 3660;

    /** A local opening interval [start, end); end == null means midnight at the end of the day. */
    public record Interval(LocalTime start, LocalTime end) implements Serializable {}

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Interval>> weeklyHours;
    private final Set<LocalDate> holidays;

    public BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<Interval>> weeklyHours, Set<LocalDate> holidays) {
        this.zone = zone;
        this.weeklyHours = new EnumMap<>(DayOfWeek.class);
        this.weeklyHours.putAll(weeklyHours);
        this.holidays = Set.copyOf(holidays);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean hasBusinessHours() {
        return weeklyHours.values().stream().anyMatch(list -> !list.isEmpty());
    }

    /** The UTC instant at which the local day {@code epochDay} starts. */
    public long startOf(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    public LocalDate localDate(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate();
    }

    /**
     * The local day of an instant with its week (Monday) and month, as epoch days, and the UTC
     * range of that day. Events arrive roughly in time order, so the day asked for last is
     * remembered: most events skip the time-zone rules altogether.
     */
    public LocalDay localDay(long epochMillis) {
        LocalDay last = lastDay;
        if (last != null && epochMillis >= last.startMillis() && epochMillis < last.endMillis()) {
            return last;
        }
        LocalDate day = localDate(epochMillis);
        long epochDay = day.toEpochDay();
        long weekStart = epochDay - Math.floorMod(epochDay + 3, 7);
        LocalDate monthStart = day.withDayOfMonth(1);
        last = new LocalDay(
                day.atStartOfDay(zone).toInstant().toEpochMilli(),
                day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli(),
                epochDay,
                weekStart,
                monthStart.toEpochDay(),
                startOf(weekStart + 7),
                startOf(monthStart.plusMonths(1).toEpochDay()),
                Long.toString(epochDay),
                Long.toString(weekStart),
                Long.toString(monthStart.toEpochDay()));
        lastDay = last;
        return last;
    }

    /**
     * A local day [startMillis, endMillis) in UTC; epochDay, weekStart (its Monday) and monthStart as epoch days; the
     * UTC instants at which its week and month end. The epoch days are also kept as text, made once per day: the
     * group keys of every event of the day share them (and their cached hashes).
     */
    public record LocalDay(
            long startMillis,
            long endMillis,
            long epochDay,
            long weekStart,
            long monthStart,
            long weekEndMillis,
            long monthEndMillis,
            String epochDayText,
            String weekStartText,
            String monthStartText) {}

    /** Shared by the threads of one task at most; an immutable value, so a stale read only costs a recomputation. */
    private transient volatile LocalDay lastDay;

    /** Business milliseconds between two instants; negative when {@code to} is before {@code from}. */
    public long businessMillisBetween(long from, long to) {
        if (to < from) {
            return -businessMillisBetween(to, from);
        }
        long total = 0;
        LocalDate last = localDate(to);
        for (LocalDate day = localDate(from); !day.isAfter(last); day = day.plusDays(1)) {
            for (long[] open : openIntervals(day)) {
                long start = Math.max(open[0], from);
                long end = Math.min(open[1], to);
                if (end > start) {
                    total += end - start;
                }
            }
        }
        return total;
    }

    /** The earliest instant at which {@code businessMillis} of business time have elapsed since {@code from}. */
    public long addBusinessMillis(long from, long businessMillis) {
        if (businessMillis <= 0) {
            return from;
        }
        if (!hasBusinessHours()) {
            throw new IllegalStateException("a calendar without business hours never reaches a business deadline");
        }
        long remaining = businessMillis;
        LocalDate day = localDate(from);
        for (int scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++, day = day.plusDays(1)) {
            for (long[] open : openIntervals(day)) {
                long start = Math.max(open[0], from);
                if (open[1] <= start) {
                    continue;
                }
                long available = open[1] - start;
                if (available >= remaining) {
                    return start + remaining;
                }
                remaining -= available;
            }
        }
        throw new IllegalStateException(
                "no business time within " + MAX_DAYS_SCANNED + " days after " + Instant.ofEpochMilli(from));
    }

    private List<long[]> openIntervals(LocalDate day) {
        if (holidays.contains(day)) {
            return List.of();
        }
        List<Interval> intervals = weeklyHours.getOrDefault(day.getDayOfWeek(), List.of());
        return intervals.stream()
                .map(interval -> new long[] {
                    instant(day, interval.start()),
                    interval.end() == null
                            ? day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli()
                            : instant(day, interval.end())
                })
                .toList();
    }

    private long instant(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, zone).toInstant().toEpochMilli();
    }
}
