package io.smmpulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smmpulse.core.config.ClickHouseSettings;
import io.smmpulse.core.config.ConfigException;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tables' layout against the local ClickHouse engine: a dashboard's query (one community,
 * recent weeks) reads only that community's recent months, FINAL still counts
 * an event once over its versions and copies, and raw payloads expire by the setting.
 */
class ClickHouseLayoutIT {
    private ClickHouseSettings settings;
    private ClickHouseClient client;

    @BeforeEach
    void freshDatabase() throws Exception {
        settings = LocalClickHouse.settings(
                "test_layout_" + UUID.randomUUID().toString().substring(0, 8));
        ClickHouseSchema.apply(settings, ClickHouseSchema.locateSqlDir());
        client = ClickHouseClient.connect(settings);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        client.execute("DROP DATABASE IF EXISTS " + settings.database());
        client.close();
    }

    /** A member's VIEW of acme or globex on {@code day} (UTC, so day = occurred_at's date), one insert per call. */
    private void view(String eventId, String community, String actor, String day, long version) throws Exception {
        client.execute(
                "INSERT INTO kpi_events (event_id, community_id, platform, actor_id, actor_role, is_member, event_type, occurred_at, day, "
                        + "week_start, month_start, is_spam, is_negative, _version) VALUES ('" + eventId + "', '"
                        + community + "', 'x', '" + actor
                        + "', 'MEMBER', 1, 'VIEW', toDateTime64('" + day + " 12:00:00', 3, 'UTC'), '" + day
                        + "', toMonday(toDate('" + day
                        + "')), toStartOfMonth(toDate('" + day + "')), 0, 0, " + version + ")");
    }

    private String one(String sql) throws Exception {
        return client.query(sql).get(1).get(0);
    }

    @Test
    void aDashboardQueryReadsOneCommunitysRecentMonthsOnly() throws Exception {
        String[] days = {"2026-01-14", "2026-03-11", "2026-05-13", "2026-07-15", "2026-09-16", "2026-11-11"};
        int id = 0;
        for (String day : days) {
            for (String community : List.of("acme", "globex")) {
                view("e" + id++, community, "m-1", day, 1);
            }
        }
        String dashboard =
                "SELECT day, count() FROM kpi_events FINAL WHERE community_id = 'acme' AND day >= '2026-10-01' GROUP BY day";
        assertThat(client.query(dashboard)).containsExactly(List.of("day", "count()"), List.of("2026-11-11", "1"));

        String plan = String.join(
                "\n",
                client.query("EXPLAIN indexes = 1 " + dashboard).stream()
                        .map(r -> r.get(0))
                        .toList());
        // twelve parts (one per insert) in six monthly partitions: the primary key leaves acme's six,
        // the day index the one of November (FINAL reads only it)
        assertThat(plan.replaceAll("\\s+", " "))
                .contains("Parts: 6/12")
                .contains("Parts: 1/6")
                .contains("FINAL: 1 Parts: 1 | Granules: 1");
    }

    @Test
    void finalCountsAnEventOnceOverItsVersionsAndCopies() throws Exception {
        view("e1", "acme", "m-1", "2026-11-11", 1);
        view("e1", "acme", "m-1", "2026-11-11", 2); // a replay's rewrite
        view("e1", "acme", "m-1", "2026-11-11", 2); // a copy of the event in the same batch
        view("e2", "acme", "m-2", "2026-11-11", 1);
        view("e3", "acme", "m-2", "2026-12-01", 1); // another month's partition

        assertThat(
                        client.query(
                                "SELECT day, count() AS views, uniqExact(actor_id) AS viewers FROM kpi_events FINAL GROUP BY day ORDER BY day"))
                .containsExactly(
                        List.of("day", "views", "viewers"),
                        List.of("2026-11-11", "2", "2"),
                        List.of("2026-12-01", "1", "1"));
    }

    /** A day of acme's or globex's engagement as the job writes it (one row per group and checkpoint). */
    private void engagement(String community, String day, long views, long version) throws Exception {
        client.execute(
                "INSERT INTO engagement_daily (community_id, platform, day, views, reactions, comments, shares, saves, link_clicks, follows, "
                        + "unfollows, unique_viewers, _version) VALUES ('" + community + "', 'x', '" + day + "', "
                        + views + ", 0, 0, 0, 0, 0, 0, 0, 1, "
                        + version + ")");
    }

    @Test
    void aViewOfResultsReadsOneCommunitysRecentMonthsAndTheNewestRowOfAGroup() throws Exception {
        String[] days = {"2026-01-14", "2026-03-11", "2026-05-13", "2026-07-15", "2026-09-16", "2026-11-11"};
        for (String day : days) {
            engagement("acme", day, 1, 1);
            engagement("globex", day, 1, 1);
        }
        engagement("acme", "2026-11-11", 5, 2); // the group rewritten at a later checkpoint
        String dashboard =
                "SELECT day, views FROM kpi_engagement_daily WHERE community_id = 'acme' AND day >= '2026-10-01'";
        assertThat(client.query(dashboard)).containsExactly(List.of("day", "views"), List.of("2026-11-11", "5"));
        String plan = String.join(
                "\n",
                client.query("EXPLAIN indexes = 1 " + dashboard).stream()
                        .map(r -> r.get(0))
                        .toList());
        // thirteen parts in six monthly partitions: November's three (acme twice, globex), of them acme's two
        assertThat(plan.replaceAll("\\s+", " "))
                .contains("Parts: 3/13")
                .contains("Parts: 2/3")
                .contains("FINAL: 1 Parts: 2 | Granules: 2");
    }

    /** A case as the job writes it: resolved at noon UTC of {@code day}, not escalated. */
    private void resolvedCase(String community, String caseId, String day, boolean withdrawn, long version)
            throws Exception {
        client.execute(
                "INSERT INTO escalation_cases (community_id, case_id, resolved_at, day, escalated, withdrawn, _version) VALUES ('"
                        + community + "', '" + caseId + "', toDateTime64('" + day + " 12:00:00', 3, 'UTC'), '" + day
                        + "', 0, " + (withdrawn ? 1 : 0)
                        + ", " + version + ")");
    }

    @Test
    void theEscalationViewReadsTheMonthsAskedForAndLeavesWithdrawnRowsOut() throws Exception {
        String[] days = {"2026-01-14", "2026-03-11", "2026-05-13", "2026-07-15", "2026-09-16", "2026-11-11"};
        int id = 0;
        for (String day : days) {
            resolvedCase("acme", "c" + id++, day, false, 1);
            resolvedCase("globex", "c" + id++, day, false, 1);
        }
        // a first resolution that a late, earlier one moved from November into October
        resolvedCase("acme", "moved", "2026-11-01", false, 1);
        resolvedCase("acme", "moved", "2026-11-01", true, 2);
        resolvedCase("acme", "moved", "2026-10-31", false, 3);
        String dashboard =
                "SELECT day, resolved FROM kpi_escalation_daily WHERE community_id = 'acme' AND day >= '2026-10-01' ORDER BY day";
        assertThat(client.query(dashboard))
                .containsExactly(List.of("day", "resolved"), List.of("2026-10-31", "1"), List.of("2026-11-11", "1"));
        String plan = String.join(
                "\n",
                client.query("EXPLAIN indexes = 1 " + dashboard).stream()
                        .map(r -> r.get(0))
                        .toList());
        // fifteen parts in seven monthly partitions: October's and November's five, of them acme's four
        assertThat(plan.replaceAll("\\s+", " "))
                .contains("Parts: 5/15")
                .contains("Parts: 4/5")
                .contains("FINAL: 1 Parts: 4 | Granules: 4");
    }

    @Test
    void rawPayloadsExpireByTheSettingAndStayWhenItIsZero() throws Exception {
        ClickHouseSchema.applyRawPayloadTtl(settings, OptionalInt.of(30));
        client.execute(
                "INSERT INTO events (event_id, event_type, occurred_at, platform, community_id, actor_id, actor_role, channel, is_question, "
                        + "priority, text, _version) VALUES ('old', 'POST', now64(3) - INTERVAL 40 DAY, 'x', 'acme', 'm-1', 'MEMBER', 'PUBLIC', 0, 'NORMAL', "
                        + "'old text', 1), ('new', 'POST', now64(3) - INTERVAL 1 DAY, 'x', 'acme', 'm-1', 'MEMBER', 'PUBLIC', 0, 'NORMAL', 'new text', 1)");
        client.execute(
                "INSERT INTO rejected_events VALUES ('r-old', 'kafka', now64(3) - INTERVAL 40 DAY, 'not json', 'x', 'utf8', 1), "
                        + "('r-new', 'kafka', now64(3), 'not json', 'y', 'utf8', 1)");
        client.execute("OPTIMIZE TABLE events FINAL");
        client.execute("OPTIMIZE TABLE rejected_events FINAL");

        assertThat(client.query("SELECT event_id, text FROM events ORDER BY event_id"))
                .containsExactly(
                        List.of("event_id", "text"), List.of("new", "new text"), java.util.Arrays.asList("old", null));
        assertThat(one("SELECT groupArray(rejection_id) FROM rejected_events")).isEqualTo("['r-new']");

        ClickHouseSchema.applyRawPayloadTtl(settings, OptionalInt.of(0));
        assertThat(one(
                        "SELECT countIf(position(create_table_query, ' TTL ') > 0) FROM system.tables WHERE database = currentDatabase() "
                                + "AND name IN ('events', 'late_events', 'rejected_events')"))
                .isEqualTo("0");
        ClickHouseSchema.applyRawPayloadTtl(settings, OptionalInt.of(0)); // nothing left to remove: no error
    }

    @Test
    void aBadTtlSettingNamesTheSetting() {
        assertThat(ClickHouseSchema.rawPayloadDays(null)).isEmpty();
        assertThat(ClickHouseSchema.rawPayloadDays(" 90 ")).hasValue(90);
        assertThatThrownBy(() -> ClickHouseSchema.rawPayloadDays("30d"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PULSE_RAW_TTL_DAYS: \"30d\" is not a number of days");
    }
}
