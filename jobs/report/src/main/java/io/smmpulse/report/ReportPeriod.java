package io.smmpulse.report;

import io.smmpulse.core.config.BusinessCalendar;
import io.smmpulse.core.config.ConfigException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A community's local week (Monday start) or month: its local days and its instants. */
public record ReportPeriod(String kind, LocalDate start, LocalDate end, long startAt, long endAt) {
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

    public static ReportPeriod of(String kind, LocalDate start, BusinessCalendar calendar) {
        LocalDate end = kind.equals("week") ? start.plusWeeks(1) : start.plusMonths(1);
        return new ReportPeriod(
                kind, start, end, calendar.startOf(start.toEpochDay()), calendar.startOf(end.toEpochDay()));
    }

    /** {@code --at}: {@code 2026-W48} for a week (ISO week numbering), {@code 2026-11} for a month. */
    public static ReportPeriod parse(String kind, String at, BusinessCalendar calendar) {
        if (kind.equals("week")) {
            Matcher m = WEEK.matcher(at);
            if (!m.matches()) {
                throw new ConfigException("--at: \"" + at + "\" is not a week such as 2026-W48");
            }
            int year = Integer.parseInt(m.group(1));
            int week = Integer.parseInt(m.group(2));
            LocalDate probe = LocalDate.of(year, 6, 1);
            if (week < 1
                    || week > probe.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                throw new ConfigException("--at: " + year + " has no week " + week);
            }
            LocalDate monday = probe.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            return of(kind, monday, calendar);
        }
        try {
            return of(kind, YearMonth.parse(at).atDay(1), calendar);
        } catch (DateTimeParseException e) {
            throw new ConfigException("--at: \"" + at + "\" is not a month such as 2026-11");
        }
    }

    /** The last period that has closed at {@code clock}. */
    public static ReportPeriod lastClosed(String kind, long clock, BusinessCalendar calendar) {
        BusinessCalendar.LocalDay day = calendar.localDay(clock);
        LocalDate current = LocalDate.ofEpochDay(kind.equals("week") ? day.weekStart() : day.monthStart());
        return of(kind, kind.equals("week") ? current.minusWeeks(1) : current.minusMonths(1), calendar);
    }

    public ReportPeriod previous(BusinessCalendar calendar) {
        return of(kind, kind.equals("week") ? start.minusWeeks(1) : start.minusMonths(1), calendar);
    }

    /** How people name it: 2026-W48 or 2026-11. */
    public String label() {
        if (kind.equals("week")) {
            return String.format(
                    "%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
        return YearMonth.from(start).toString();
    }
}
