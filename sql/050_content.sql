-- Content effectiveness, next step and proposals (SPEC section 3), counted over kpi_events.
-- A brand post is a POST by STAFF or MODERATOR; its 7-day window is [published, published + 168 h).

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
    countIf(a.action = 'VIEW') AS views,
    uniqExactIf(a.actor_id, a.action = 'VIEW') AS unique_viewers,
    countIf(a.action = 'SAVE') AS saves,
    countIf(a.action = 'SHARE') AS shares,
    countIf(a.action = 'LINK_CLICK' AND a.link_target = 'FAQ') AS faq_clicks,
    countIf(a.action = 'LINK_CLICK' AND a.link_target = 'GUIDE') AS guide_clicks,
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
