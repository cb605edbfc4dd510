package io.smmpulse.core.config;

import static io.smmpulse.core.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.schema.Channel;
import io.smmpulse.schema.Priority;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
    private static final Communities CONFIG = Communities.parse("""
            {"defaults": {"timezone": "UTC",
                          "business_hours": {"mon": ["09:00-18:00"], "tue": ["09:00-18:00"], "wed": ["09:00-18:00"],
                                             "thu": ["09:00-18:00"], "fri": ["09:00-18:00"]},
                          "sla": [{"channel": "*", "priority": "*", "first_response_minutes": 120, "business_hours": true}]},
             "communities": {"acme": {"timezone": "Europe/Berlin", "holidays": ["2026-12-25"],
                                      "sla": [{"channel": "DIRECT", "priority": "URGENT", "first_response_minutes": 15, "business_hours": false}]},
                             "split": {"business_hours": {"mon": ["09:00-12:00", "13:00-24:00"]}}}}
            """, "test");
    private static final long MINUTE = 60_000;

    private final BusinessCalendar berlin = CONFIG.forCommunity("acme").calendar();
    private final BusinessCalendar utc =
            CONFIG.forCommunity("unknown-community").calendar();

    @Test
    void countsOnlyOpeningHoursWithinOneDay() {
        // Monday 2026-03-02, 08:00 to 10:30 UTC: business time starts at 09:00
        assertThat(utc.businessMillisBetween(at("2026-03-02T08:00:00Z"), at("2026-03-02T10:30:00Z")))
                .isEqualTo(90 * MINUTE);
    }

    @Test
    void overnightSkipsClosedHours() {
        // Monday 17:30 to Tuesday 09:30 UTC: 30 min on Monday, 30 min on Tuesday
        assertThat(utc.businessMillisBetween(at("2026-03-02T17:30:00Z"), at("2026-03-03T09:30:00Z")))
                .isEqualTo(60 * MINUTE);
        assertThat(utc.addBusinessMillis(at("2026-03-02T17:30:00Z"), 120 * MINUTE))
                .isEqualTo(at("2026-03-03T10:30:00Z"));
    }

    @Test
    void weekendHasNoBusinessTime() {
        // Friday 17:00 UTC + 2 h of business time ends Monday 10:00
        assertThat(utc.addBusinessMillis(at("2026-03-06T17:00:00Z"), 120 * MINUTE))
                .isEqualTo(at("2026-03-09T10:00:00Z"));
        assertThat(utc.businessMillisBetween(at("2026-03-07T00:00:00Z"), at("2026-03-09T00:00:00Z")))
                .isZero();
    }

    @Test
    void holidaysAreLocalDatesWithoutBusinessTime() {
        // Thursday 2026-12-24 17:00 Berlin (16:00 UTC): 1 h left, Friday 25th is a holiday, weekend, Monday 28th 09:00
        // + 1 h
        assertThat(berlin.addBusinessMillis(at("2026-12-24T16:00:00Z"), 120 * MINUTE))
                .isEqualTo(at("2026-12-28T09:00:00Z"));
    }

    @Test
    void localDayWeekAndMonthFollowTheZoneAcrossTheDstSwitch() {
        // Sunday 2026-03-29 in Berlin runs from 23:00 UTC the day before to 22:00 UTC (23 hours: DST starts)
        BusinessCalendar.LocalDay sunday = berlin.localDay(at("2026-03-28T23:00:00Z"));
        assertThat(sunday.epochDay())
                .isEqualTo(java.time.LocalDate.of(2026, 3, 29).toEpochDay());
        assertThat(sunday.weekStart())
                .isEqualTo(java.time.LocalDate.of(2026, 3, 23).toEpochDay());
        assertThat(sunday.monthStart())
                .isEqualTo(java.time.LocalDate.of(2026, 3, 1).toEpochDay());
        assertThat(sunday.startMillis()).isEqualTo(at("2026-03-28T23:00:00Z"));
        assertThat(sunday.endMillis()).isEqualTo(at("2026-03-29T22:00:00Z"));
        // its week ends at Monday 2026-03-30 00:00 local (UTC+2), its month at 2026-04-01 00:00 local
        assertThat(sunday.weekEndMillis()).isEqualTo(at("2026-03-29T22:00:00Z"));
        assertThat(sunday.monthEndMillis()).isEqualTo(at("2026-03-31T22:00:00Z"));
        assertThat(sunday.weekStartText()).isEqualTo(Long.toString(sunday.weekStart()));
        assertThat(sunday.epochDayText()).isEqualTo(Long.toString(sunday.epochDay()));
        assertThat(sunday.monthStartText()).isEqualTo(Long.toString(sunday.monthStart()));
        // the remembered day answers inside its range only: the last millisecond before, and the first after it
        assertThat(berlin.localDay(at("2026-03-29T21:59:59.999Z"))).isSameAs(sunday);
        assertThat(berlin.localDay(at("2026-03-28T22:59:59.999Z")).epochDay()).isEqualTo(sunday.epochDay() - 1);
        BusinessCalendar.LocalDay monday = berlin.localDay(at("2026-03-29T22:00:00Z"));
        assertThat(monday.epochDay()).isEqualTo(sunday.epochDay() + 1);
        assertThat(monday.weekStart()).isEqualTo(monday.epochDay());
        assertThat(berlin.localDay(at("2026-04-01T10:00:00Z")).monthStart())
                .isEqualTo(java.time.LocalDate.of(2026, 4, 1).toEpochDay());
    }

    @Test
    void openingHoursFollowTheDstSwitchInBerlin() {
        // Europe/Berlin moves from UTC+1 to UTC+2 on Sunday 2026-03-29: Friday 09:00 local is 08:00 UTC, Monday 09:00
        // local is 07:00 UTC
        assertThat(berlin.addBusinessMillis(at("2026-03-27T16:00:00Z"), 120 * MINUTE))
                .isEqualTo(at("2026-03-30T08:00:00Z"));
        assertThat(berlin.businessMillisBetween(at("2026-03-27T00:00:00Z"), at("2026-03-31T00:00:00Z")))
                .isEqualTo(2 * 9 * 60 * MINUTE);
        // and back on Sunday 2026-10-25: Monday 09:00 local is 08:00 UTC again
        assertThat(berlin.addBusinessMillis(at("2026-10-23T15:00:00Z"), 90 * MINUTE))
                .isEqualTo(at("2026-10-26T08:30:00Z"));
    }

    @Test
    void splitDaysAndMidnightEnd() {
        BusinessCalendar split = CONFIG.forCommunity("split").calendar();
        // Monday 11:00 to 14:00: 1 h before lunch, 1 h after
        assertThat(split.businessMillisBetween(at("2026-03-02T11:00:00Z"), at("2026-03-02T14:00:00Z")))
                .isEqualTo(120 * MINUTE);
        // the afternoon runs to midnight
        assertThat(split.businessMillisBetween(at("2026-03-02T23:00:00Z"), at("2026-03-03T01:00:00Z")))
                .isEqualTo(60 * MINUTE);
    }

    @Test
    void reversedIntervalIsNegative() {
        assertThat(utc.businessMillisBetween(at("2026-03-02T10:00:00Z"), at("2026-03-02T09:30:00Z")))
                .isEqualTo(-30 * MINUTE);
    }

    @Test
    void calendarTimeRuleIgnoresBusinessHours() {
        CommunityConfig acme = CONFIG.forCommunity("acme");
        // Saturday night, DIRECT URGENT: 15 calendar minutes
        assertThat(acme.deadline(at("2026-03-07T22:00:00Z"), Channel.DIRECT, Priority.URGENT))
                .contains(at("2026-03-07T22:15:00Z"));
        // other questions fall through to the defaults' business-hours rule
        assertThat(acme.deadline(at("2026-03-07T22:00:00Z"), Channel.DIRECT, Priority.HIGH))
                .contains(at("2026-03-09T10:00:00Z"));
    }
}
