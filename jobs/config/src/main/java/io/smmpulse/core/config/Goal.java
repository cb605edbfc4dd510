package io.smmpulse.core.config;

import java.io.Serializable;
import java.util.List;

/** A community's target for one metric over each local week or month (docs/goals.md). */
public record Goal(Metric metric, Period period, double target) implements Serializable {

    /** The goal metrics, by their names in the config and in kpi_goals. */
    public enum Metric {
        SLA_SHARE(false, false),
        FRT_AVG_S(true, false),
        UGC_ITEMS(false, true),
        HELPFUL_SHARE(false, false),
        ACTIVE_MEMBERS(false, true),
        NET_FOLLOWS(false, true),
        LINK_CLICKS(false, true),
        CONVERTERS_7D(false, true),
        RESOLVED_WITHOUT_ESCALATION_SHARE(false, false),
        PROPOSALS_IMPLEMENTED(false, true),
        NEGATIVE_SHARE(true, false);

        private final boolean atMost;
        private final boolean count;

        Metric(boolean atMost, boolean count) {
            this.atMost = atMost;
            this.count = count;
        }

        public String sqlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** {@code at_most}: lower is better (reply time, negative share); {@code at_least} for the others. */
        public String direction() {
            return atMost ? "at_most" : "at_least";
        }

        /** Count metrics are projected to the period's end; shares and averages are taken as they stand. */
        public boolean isCount() {
            return count;
        }

        public static List<String> sqlNames() {
            return java.util.Arrays.stream(values()).map(Metric::sqlName).toList();
        }
    }

    public enum Period {
        WEEK,
        MONTH;

        public String sqlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The first local day of the week (Monday) or month that holds {@code day}. */
        public java.time.LocalDate startHolding(BusinessCalendar.LocalDay day) {
            return java.time.LocalDate.ofEpochDay(this == WEEK ? day.weekStart() : day.monthStart());
        }

        /** The first local day of the period after the one starting on {@code start}. */
        public java.time.LocalDate next(java.time.LocalDate start) {
            return this == WEEK ? start.plusWeeks(1) : start.plusMonths(1);
        }
    }

    /** Whether {@code value} satisfies the target in the metric's direction. */
    public boolean satisfiedBy(double value) {
        return metric.atMost ? value <= target : value >= target;
    }
}
