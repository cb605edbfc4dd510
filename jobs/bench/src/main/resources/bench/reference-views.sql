-- The raw-scan forms of the community and content views: docs/kpis.md's definitions computed at query
-- time from kpi_events FINAL, with the embedded defaults' windows (helpful_window_days and
-- post_window_days 90). bin/pulse bench --queries creates them in a reference copy of the database
-- (same rows, tables in a plain layout) and times them in the same run as the views that read
-- results; ResultsEqualRawScanIT compares the two.

CREATE OR REPLACE VIEW kpi_ugc_weekly AS
WITH
    items AS
    (
        SELECT community_id, content_id, actor_id, week_start, is_spam, occurred_at
        FROM kpi_events FINAL
        WHERE is_member = 1 AND event_type IN ('POST', 'COMMENT')
    ),
    helpful_reactions AS
    (
        SELECT community_id, assumeNotNull(content_id) AS item_id, groupArray((actor_id, occurred_at)) AS reactions
        FROM kpi_events FINAL
        WHERE event_type = 'REACTION' AND reaction = 'helpful' AND content_id IS NOT NULL
        GROUP BY community_id, item_id
    )
SELECT
    i.community_id AS community_id,
    i.week_start AS week_start,
    countIf(i.is_spam = 0) AS ugc_items,
    uniqExactIf(i.actor_id, i.is_spam = 0) AS contributors,
    countIf(i.is_spam = 0 AND arrayExists(r -> r.1 != i.actor_id AND r.2 >= i.occurred_at
        AND r.2 < i.occurred_at + INTERVAL 90 DAY, h.reactions)) AS helpful_items,
    if(ugc_items = 0, NULL, helpful_items / ugc_items) AS helpful_share,
    countIf(i.is_spam = 1) AS spam_items
FROM items AS i
LEFT JOIN helpful_reactions AS h ON h.community_id = i.community_id AND h.item_id = assumeNotNull(i.content_id)
GROUP BY community_id, week_start;

CREATE OR REPLACE VIEW kpi_activity_weekly AS
SELECT
    community_id,
    week_start,
    uniqExact(actor_id) AS active_members,
    uniqExactIf(actor_id, event_type IN ('POST', 'COMMENT')) AS writers,
    uniqExactIf(actor_id, event_type = 'VOTE') AS voters,
    uniqExactIf(actor_id, event_type = 'SHARE') AS sharers,
    writers / active_members AS writer_share,
    voters / active_members AS voter_share,
    sharers / active_members AS sharer_share
FROM kpi_events FINAL
WHERE is_member = 1 AND is_spam = 0
  AND event_type IN ('POST', 'COMMENT', 'REACTION', 'VOTE', 'SHARE', 'SAVE', 'VIEW', 'LINK_CLICK', 'FORM_SUBMIT', 'EVENT_SIGNUP')
GROUP BY community_id, week_start;

CREATE OR REPLACE VIEW kpi_retention_cohorts AS
SELECT
    community_id,
    activity,
    cohort_day,
    count() AS cohort_size,
    countIf(has(offsets, 1)) AS d1,
    countIf(has(offsets, 7)) AS d7,
    countIf(has(offsets, 30)) AS d30,
    countIf(arrayExists(o -> o >= 1, offsets)) AS d1_plus,
    countIf(arrayExists(o -> o >= 7, offsets)) AS d7_plus,
    countIf(arrayExists(o -> o >= 30, offsets)) AS d30_plus
FROM
(
    SELECT
        community_id,
        activity,
        actor_id,
        min(day) AS cohort_day,
        arrayMap(d -> toInt32(d - cohort_day), groupUniqArray(day)) AS offsets
    FROM
    (
        SELECT community_id, actor_id, day, if(event_type = 'EVENT_SIGNUP', 'EVENT', 'THREAD') AS activity
        FROM kpi_events FINAL
        WHERE is_member = 1
          AND ((event_type IN ('POST', 'COMMENT') AND is_spam = 0) OR event_type = 'EVENT_SIGNUP')
    )
    GROUP BY community_id, activity, actor_id
)
GROUP BY community_id, activity, cohort_day;

CREATE OR REPLACE VIEW kpi_content_posts AS
WITH
    posts AS
    (
        SELECT community_id, assumeNotNull(content_id) AS post_id, min(occurred_at) AS published_at,
               argMin(next_step, occurred_at) AS post_next_step
        FROM kpi_events FINAL
        WHERE event_type = 'POST' AND actor_role IN ('STAFF', 'MODERATOR') AND content_id IS NOT NULL
        GROUP BY community_id, post_id
    ),
    actions AS
    (
        SELECT community_id, assumeNotNull(content_id) AS post_id, event_type AS action, link_target, actor_id, occurred_at
        FROM kpi_events FINAL
        WHERE content_id IS NOT NULL
          AND event_type IN ('VIEW', 'SAVE', 'SHARE', 'LINK_CLICK', 'VOTE', 'FORM_SUBMIT', 'EVENT_SIGNUP')
        UNION ALL
        SELECT community_id, assumeNotNull(thread_id) AS post_id, 'THREAD_COMMENT' AS action, NULL AS link_target, actor_id, occurred_at
        FROM kpi_events FINAL
        WHERE event_type = 'COMMENT' AND is_member = 1 AND is_spam = 0 AND thread_id IS NOT NULL
    )
SELECT
    p.community_id AS community_id,
    p.post_id AS post_id,
    p.published_at AS published_at,
    p.post_next_step AS next_step,
    countIf(a.action = 'VIEW' AND a.occurred_at >= p.published_at AND a.occurred_at < p.published_at + INTERVAL 90 DAY) AS views,
    uniqExactIf(a.actor_id, a.action = 'VIEW' AND a.occurred_at >= p.published_at AND a.occurred_at < p.published_at + INTERVAL 90 DAY) AS unique_viewers,
    countIf(a.action = 'SAVE' AND a.occurred_at >= p.published_at AND a.occurred_at < p.published_at + INTERVAL 90 DAY) AS saves,
    countIf(a.action = 'SHARE' AND a.occurred_at >= p.published_at AND a.occurred_at < p.published_at + INTERVAL 90 DAY) AS shares,
    countIf(a.action = 'LINK_CLICK' AND a.link_target = 'FAQ' AND a.occurred_at >= p.published_at AND a.occurred_at < p.published_at + INTERVAL 90 DAY) AS faq_clicks,
    countIf(a.action = 'LINK_CLICK' AND a.link_target = 'GUIDE' AND a.occurred_at >= p.published_at AND a.occurred_at < p.published_at + INTERVAL 90 DAY) AS guide_clicks,
    uniqExactIf(a.actor_id, a.action = 'VIEW' AND a.occurred_at >= p.published_at
        AND a.occurred_at < p.published_at + INTERVAL 168 HOUR) AS viewers_7d,
    uniqExactIf(a.actor_id, a.occurred_at >= p.published_at AND a.occurred_at < p.published_at + INTERVAL 168 HOUR
        AND multiIf(p.post_next_step = 'POLL', a.action = 'VOTE',
                    p.post_next_step = 'FORM', a.action = 'FORM_SUBMIT',
                    p.post_next_step = 'EVENT', a.action = 'EVENT_SIGNUP',
                    p.post_next_step = 'FAQ', a.action = 'LINK_CLICK' AND a.link_target = 'FAQ',
                    p.post_next_step = 'GUIDE', a.action = 'LINK_CLICK' AND a.link_target = 'GUIDE',
                    p.post_next_step = 'THREAD', a.action = 'THREAD_COMMENT',
                    0)) AS converters_7d,
    if(p.post_next_step IS NULL OR viewers_7d = 0, NULL, converters_7d / viewers_7d) AS conversion_rate
FROM posts AS p
LEFT JOIN actions AS a ON a.community_id = p.community_id AND a.post_id = p.post_id
GROUP BY p.community_id, p.post_id, p.published_at, p.post_next_step;

CREATE OR REPLACE VIEW kpi_next_step_weekly AS
SELECT
    c.community_id AS community_id,
    w.published_week AS week_start,
    count() AS brand_posts,
    countIf(c.next_step IS NOT NULL) AS posts_with_next_step,
    posts_with_next_step / brand_posts AS next_step_share,
    sumIf(c.viewers_7d, c.next_step IS NOT NULL) AS viewers_7d,
    sumIf(c.converters_7d, c.next_step IS NOT NULL) AS converters_7d,
    if(viewers_7d = 0, NULL, converters_7d / viewers_7d) AS conversion_rate
FROM kpi_content_posts AS c
INNER JOIN
(
    SELECT community_id, assumeNotNull(content_id) AS post_id, argMin(week_start, occurred_at) AS published_week
    FROM kpi_events FINAL
    WHERE event_type = 'POST' AND actor_role IN ('STAFF', 'MODERATOR') AND content_id IS NOT NULL
    GROUP BY community_id, post_id
) AS w ON w.community_id = c.community_id AND w.post_id = c.post_id
GROUP BY community_id, week_start;

CREATE OR REPLACE VIEW kpi_proposals_monthly AS
SELECT
    community_id,
    month_start AS month,
    uniqExactIf(proposal_id, event_type = 'PROPOSAL_SUBMITTED') AS submitted,
    uniqExactIf(proposal_id, event_type = 'PROPOSAL_ACCEPTED') AS accepted,
    uniqExactIf(proposal_id, event_type = 'PROPOSAL_IMPLEMENTED') AS implemented
FROM kpi_events FINAL
WHERE event_type IN ('PROPOSAL_SUBMITTED', 'PROPOSAL_ACCEPTED', 'PROPOSAL_IMPLEMENTED') AND proposal_id IS NOT NULL
GROUP BY community_id, month;

CREATE OR REPLACE VIEW kpi_engagement_daily AS
SELECT
    community_id,
    platform,
    day,
    countIf(event_type = 'VIEW') AS views,
    uniqExactIf(actor_id, event_type = 'VIEW') AS unique_viewers,
    countIf(event_type = 'REACTION') AS reactions,
    countIf(event_type = 'COMMENT') AS comments,
    countIf(event_type = 'SHARE') AS shares,
    countIf(event_type = 'SAVE') AS saves,
    countIf(event_type = 'LINK_CLICK') AS link_clicks,
    countIf(event_type = 'FOLLOW') AS follows,
    countIf(event_type = 'UNFOLLOW') AS unfollows,
    toInt64(follows) - toInt64(unfollows) AS net_follows,
    if(views = 0, NULL, link_clicks / views) AS ctr,
    if(views = 0, NULL, (reactions + comments + shares + saves + link_clicks) / views) AS engagement_rate
FROM kpi_events FINAL
WHERE is_member = 1 AND is_spam = 0
  AND event_type IN ('VIEW', 'REACTION', 'COMMENT', 'SHARE', 'SAVE', 'LINK_CLICK', 'FOLLOW', 'UNFOLLOW')
GROUP BY community_id, platform, day;

CREATE OR REPLACE VIEW kpi_campaigns_daily AS
WITH
    clicks AS
    (
        SELECT community_id, ifNull(utm_source, '') AS source, assumeNotNull(utm_campaign) AS campaign, day AS click_day,
               actor_id AS clicker, event_id AS click_id, occurred_at AS clicked_at
        FROM kpi_events FINAL
        WHERE event_type = 'LINK_CLICK' AND is_member = 1 AND utm_campaign IS NOT NULL
    ),
    conversions AS
    (
        SELECT community_id AS conversion_community, actor_id AS converter, occurred_at AS converted_at
        FROM kpi_events FINAL
        WHERE event_type IN ('FORM_SUBMIT', 'EVENT_SIGNUP')
    ),
    judged AS
    (
        SELECT k.community_id AS click_community, k.source AS source, k.campaign AS campaign, k.click_day AS click_day,
               k.clicker AS clicker, k.click_id AS click_id,
               max(v.converter != '' AND v.converted_at >= k.clicked_at AND v.converted_at < k.clicked_at + INTERVAL 168 HOUR) AS converted
        FROM clicks AS k
        LEFT JOIN conversions AS v ON v.conversion_community = k.community_id AND v.converter = k.clicker
        GROUP BY click_community, source, campaign, click_day, clicker, click_id
    )
SELECT
    click_community AS community_id,
    source AS utm_source,
    campaign AS utm_campaign,
    click_day AS day,
    count() AS clicks,
    uniqExact(clicker) AS clickers,
    uniqExactIf(clicker, converted = 1) AS converters_7d
FROM judged
GROUP BY community_id, utm_source, utm_campaign, day;

CREATE OR REPLACE VIEW kpi_sentiment_daily AS
SELECT
    community_id,
    platform,
    day,
    count() AS ugc_items,
    countIf(is_negative = 1) AS negative,
    countIf(sentiment = 'POSITIVE') AS positive,
    negative / ugc_items AS negative_share
FROM kpi_events FINAL
WHERE is_member = 1 AND is_spam = 0 AND event_type IN ('POST', 'COMMENT')
GROUP BY community_id, platform, day;
