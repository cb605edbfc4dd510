-- Goals (docs/goals.md): each configured goal's actual, elapsed share, projection and status per
-- local week or month, at the job's clock (kpi_clock).

-- SmmPulseGoalOffTrack transitions share the alert table: the goal's metric, period and its first day.
ALTER TABLE sla_alerts ADD COLUMN IF NOT EXISTS metric LowCardinality(String) DEFAULT '' AFTER owner;
ALTER TABLE sla_alerts ADD COLUMN IF NOT EXISTS period LowCardinality(String) DEFAULT '' AFTER metric;
ALTER TABLE sla_alerts ADD COLUMN IF NOT EXISTS period_start String DEFAULT '' AFTER period;

-- Per community and local week and month: what no daily table holds for a whole period (distinct
-- members and proposals, helpful items by the item's period). Kept by the job like the other groups.
CREATE TABLE IF NOT EXISTS period_totals
(
    community_id          LowCardinality(String),
    period                LowCardinality(String),
    period_start          Date,
    ugc_items             UInt64,
    helpful_items         UInt64,
    active_members        UInt64,
    proposals_implemented UInt64,
    _version              UInt64
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(period_start)
ORDER BY (community_id, period, period_start);

-- Every period of every configured goal from the community's first accepted event to the job's
-- clock, with its instants (the job knows the community's time zone), target and direction.
-- removed = 1 once the goal left the config.
CREATE TABLE IF NOT EXISTS goal_periods
(
    community_id  LowCardinality(String),
    metric        LowCardinality(String),
    period        LowCardinality(String),
    period_start  Date,
    start_at      DateTime64(3, 'UTC'),
    end_at        DateTime64(3, 'UTC'),
    target        Float64,
    direction     LowCardinality(String),
    removed       UInt8,
    _version      UInt64
)
ENGINE = ReplacingMergeTree(_version)
PARTITION BY toYYYYMM(period_start)
ORDER BY (community_id, metric, period, period_start);

-- Each goal metric's value per community, period and period start, over everything known now.
-- Shares and averages are NULL without a denominator; counts are absent without items.
CREATE OR REPLACE VIEW goal_actuals AS
SELECT community_id, period, period_start, value.1 AS metric, value.2 AS actual
FROM
(
    SELECT community_id, period, period_start, values
    FROM
    (
        SELECT
            community_id,
            p.1 AS period,
            p.2 AS period_start,
            countIf(status = 'within') AS within,
            countIf(status = 'breached') AS breached,
            countIf(responded_at IS NOT NULL) AS answered,
            sumIf(frt_ms, responded_at IS NOT NULL) AS frt_ms_total,
            [('sla_share', if(within + breached = 0, NULL, within / (within + breached))),
             ('frt_avg_s', if(answered = 0, NULL, frt_ms_total / answered / 1000))] AS values
        FROM fr_questions FINAL
        ARRAY JOIN [('week', toMonday(day)), ('month', toStartOfMonth(day))] AS p
        WHERE is_spam = 0
        GROUP BY community_id, period, period_start
        SETTINGS do_not_merge_across_partitions_select_final = 1
    )

    UNION ALL

    SELECT
        community_id,
        period,
        period_start,
        [('ugc_items', toNullable(toFloat64(ugc_items))),
         ('helpful_share', if(ugc_items = 0, NULL, helpful_items / ugc_items)),
         ('active_members', toNullable(toFloat64(active_members))),
         ('proposals_implemented', toNullable(toFloat64(proposals_implemented)))] AS values
    FROM period_totals FINAL
    SETTINGS do_not_merge_across_partitions_select_final = 1

    UNION ALL

    SELECT
        community_id,
        p.1 AS period,
        p.2 AS period_start,
        [('negative_share', if(sum(ugc_items) = 0, NULL, sum(negative) / sum(ugc_items)))] AS values
    FROM sentiment_daily FINAL
    ARRAY JOIN [('week', toMonday(day)), ('month', toStartOfMonth(day))] AS p
    GROUP BY community_id, period, period_start
    SETTINGS do_not_merge_across_partitions_select_final = 1

    UNION ALL

    SELECT
        community_id,
        p.1 AS period,
        p.2 AS period_start,
        [('net_follows', toNullable(toFloat64(toInt64(sum(follows)) - toInt64(sum(unfollows))))),
         ('link_clicks', toNullable(toFloat64(sum(link_clicks))))] AS values
    FROM engagement_daily FINAL
    ARRAY JOIN [('week', toMonday(day)), ('month', toStartOfMonth(day))] AS p
    GROUP BY community_id, period, period_start
    SETTINGS do_not_merge_across_partitions_select_final = 1

    UNION ALL

    SELECT
        community_id,
        p.1 AS period,
        p.2 AS period_start,
        [('converters_7d', toNullable(toFloat64(sumIf(converters_7d, next_step IS NOT NULL))))] AS values
    FROM content_posts FINAL
    ARRAY JOIN [('week', week_start), ('month', month_start)] AS p
    GROUP BY community_id, period, period_start
    SETTINGS do_not_merge_across_partitions_select_final = 1

    UNION ALL

    SELECT
        community_id,
        p.1 AS period,
        p.2 AS period_start,
        [('resolved_without_escalation_share', toNullable(countIf(NOT escalated) / count()))] AS values
    FROM escalation_cases FINAL
    ARRAY JOIN [('week', toMonday(day)), ('month', toStartOfMonth(day))] AS p
    WHERE NOT withdrawn
    GROUP BY community_id, period, period_start
    SETTINGS do_not_merge_across_partitions_select_final = 1
)
ARRAY JOIN values AS value;

-- One row per configured goal and period from the community's first accepted event to the clock.
CREATE OR REPLACE VIEW kpi_goals AS
SELECT
    community_id,
    metric,
    period,
    period_start,
    target,
    direction,
    actual,
    elapsed_share,
    projected,
    multiIf(
        actual IS NULL, 'no_data',
        closed, if(if(direction = 'at_most', actual <= target, actual >= target), 'met', 'missed'),
        projected IS NULL OR if(direction = 'at_most', projected <= target, projected >= target), 'on_track',
        'off_track') AS status
FROM
(
    SELECT
        g.community_id AS community_id,
        g.metric AS metric,
        g.period AS period,
        g.period_start AS period_start,
        g.target AS target,
        g.direction AS direction,
        g.metric IN ('ugc_items', 'active_members', 'net_follows', 'link_clicks', 'converters_7d',
                     'proposals_implemented') AS is_count,
        if(is_count, ifNull(a.actual, 0), a.actual) AS actual,
        c.clock >= g.end_at AS closed,
        greatest(0, least(1,
            (toUnixTimestamp64Milli(c.clock) - toUnixTimestamp64Milli(g.start_at))
            / (toUnixTimestamp64Milli(g.end_at) - toUnixTimestamp64Milli(g.start_at)))) AS elapsed_share,
        if(is_count, if(elapsed_share = 0, NULL, actual / elapsed_share), actual) AS projected
    FROM goal_periods AS g FINAL
    CROSS JOIN kpi_clock AS c
    LEFT JOIN goal_actuals AS a
        ON a.community_id = g.community_id AND a.period = g.period AND a.period_start = g.period_start
        AND a.metric = g.metric
    WHERE NOT g.removed AND g.start_at <= c.clock
    SETTINGS join_use_nulls = 1
);
