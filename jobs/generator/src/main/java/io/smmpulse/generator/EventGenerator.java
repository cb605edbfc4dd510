package io.smmpulse.generator;

import io.smmpulse.core.config.BusinessCalendar;
import io.smmpulse.core.config.Communities;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.Channel;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.LinkTarget;
import io.smmpulse.schema.NextStep;
import io.smmpulse.schema.Priority;
import io.smmpulse.schema.SocialEvent;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A realistic, reproducible event stream for several communities, platforms and time zones:
 * members ask questions in every channel; staff reply after delays in business time (inside
 * hours, overnight, sometimes far too late, sometimes never), bots answer instantly (which never
 * counts); UGC, reactions and views; brand posts with next steps. Delivery is out of order
 * (within the watermark bound), a few records are delivered twice, a trickle is malformed.
 */
public final class EventGenerator {
    /** One record to deliver: an event, or a malformed line that the pipeline must reject. */
    public record Generated(SocialEvent event, String malformed) {}

    private record Community(String id, List<String> platforms, BusinessCalendar calendar) {}

    private record Scheduled(long deliverAt, long seq, Generated record) {}

    private static final String[] UGC_TEXT = {
        "Here is how I set it up at home", "My photo from the meetup", "Tip: restart after the update",
        "Loving the new colour", "Review after two weeks of use", "Anyone else going to the event?"
    };
    private static final String[] QUESTION_TEXT = {
        "Where is my order?", "How do I reset the device?", "Is the store open on Sunday?",
        "Can I return it after 30 days?", "Why was I charged twice?", "When will the update ship?"
    };

    private final Random random;
    private final List<Community> communities;
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>(
            (a, b) -> a.deliverAt != b.deliverAt ? Long.compare(a.deliverAt, b.deliverAt) : Long.compare(a.seq, b.seq));
    private final double meanGapMillis;
    private final int regulars;
    private final int members;
    private final int spammers;
    /** Recent brand posts and their next step, for engagement and conversions. */
    private final java.util.LinkedHashMap<String, RecentPost> recentPosts = new java.util.LinkedHashMap<>();

    private record RecentPost(String community, NextStep step, long publishedAt) {}

    private long clock;
    /** The clock with its fraction of a millisecond: above 1,000 activities/s they are less than 1 ms apart. */
    private double preciseClock;

    private long seq;
    private long ids;

    /**
     * @param eventsPerSecond of simulated time, spontaneous activities only (replies come on top)
     * @param startMillis simulated time of the first activity
     */
    public EventGenerator(Communities config, long seed, double eventsPerSecond, long startMillis) {
        this.random = new Random(seed);
        this.meanGapMillis = 1000.0 / eventsPerSecond;
        double scale = Math.max(1, eventsPerSecond / 5);
        this.regulars = (int) Math.min(Integer.MAX_VALUE, 300 * scale);
        this.members = (int) Math.min(Integer.MAX_VALUE, 20_000 * scale);
        this.spammers = (int) Math.min(Integer.MAX_VALUE, 50 * scale);
        this.clock = startMillis;
        this.preciseClock = startMillis;
        this.communities = List.of(
                new Community(
                        "acme",
                        List.of("facebook", "instagram", "telegram"),
                        config.forCommunity("acme").calendar()),
                new Community(
                        "globex",
                        List.of("x", "facebook", "forum"),
                        config.forCommunity("globex").calendar()),
                new Community(
                        "initech",
                        List.of("wechat", "weibo", "douyin"),
                        config.forCommunity("initech").calendar()),
                new Community(
                        "umbrella",
                        List.of("instagram", "telegram", "vk"),
                        config.forCommunity("umbrella").calendar()));
    }

    /** Delivers, in delivery order, everything due up to {@code untilMillis} of simulated time. */
    public void advanceTo(long untilMillis, Consumer<Generated> out) {
        while (true) {
            double next = preciseClock - Math.log(1 - random.nextDouble()) * meanGapMillis;
            long nextActivity = (long) Math.ceil(next);
            Scheduled due = queue.peek();
            if (due != null && due.deliverAt <= Math.min(nextActivity, untilMillis)) {
                out.accept(queue.poll().record);
                continue;
            }
            if (nextActivity > untilMillis) {
                return;
            }
            clock = nextActivity;
            preciseClock = next;
            activity(clock);
        }
    }

    public long clock() {
        return clock;
    }

    private void activity(long now) {
        Community c = communities.get(random.nextInt(communities.size()));
        String platform = c.platforms.get(random.nextInt(c.platforms.size()));
        double p = random.nextDouble();
        if (random.nextDouble() < 0.002) {
            emitMalformed(now);
        } else if (random.nextDouble() < 0.002) {
            spamBurst(c, platform, now);
        } else if (random.nextDouble() < 0.004) {
            proposal(c, platform, now);
        } else if (p < 0.12) {
            question(c, platform, now);
        } else if (p < 0.30) {
            ugc(c, platform, now);
        } else if (p < 0.33) {
            brandPost(c, platform, now);
        } else {
            engagement(c, platform, now);
        }
    }

    private void question(Community c, String platform, long now) {
        double ch = random.nextDouble();
        Channel channel = ch < 0.6 ? Channel.PUBLIC : ch < 0.9 ? Channel.DIRECT : Channel.MENTION;
        double pr = random.nextDouble();
        Priority priority =
                pr < 0.1 ? Priority.LOW : pr < 0.8 ? Priority.NORMAL : pr < 0.95 ? Priority.HIGH : Priority.URGENT;
        boolean asPost = channel != Channel.PUBLIC || random.nextBoolean();
        String questionId = id("q");
        SocialEvent.Builder q = base(
                        c, platform, now, asPost ? EventType.POST : EventType.COMMENT, member(), ActorRole.MEMBER)
                .setContentId(questionId)
                .setChannel(channel)
                .setPriority(priority)
                .setIsQuestion(true)
                .setText(QUESTION_TEXT[random.nextInt(QUESTION_TEXT.length)]);
        if (asPost) {
            q.setThreadId(questionId);
        } else {
            String thread = "t-" + c.id + "-" + random.nextInt(200);
            q.setParentId(thread).setThreadId(thread);
        }
        schedule(q.build());
        if (random.nextDouble() < 0.15) {
            schedule(reply(c, platform, questionId, now + 20_000, ActorRole.BOT, "bot-" + c.id));
        }
        if (random.nextDouble() < 0.2) {
            schedule(reply(
                    c, platform, questionId, now + 60_000 + random.nextInt(3_600_000), ActorRole.MEMBER, member()));
        }
        double fate = random.nextDouble();
        if (fate < 0.06) {
            return; // never answered
        }
        long businessDelay = fate < 0.88
                ? (long) (-Math.log(1 - random.nextDouble()) * 35 * 60_000)
                : 2 * 3_600_000L + random.nextInt(4 * 3_600_000);
        long replyAt = c.calendar.addBusinessMillis(now, Math.max(60_000, businessDelay));
        ActorRole role = random.nextDouble() < 0.8 ? ActorRole.STAFF : ActorRole.MODERATOR;
        String staff = (role == ActorRole.STAFF ? "staff-" : "mod-") + c.id + "-" + random.nextInt(5);
        schedule(reply(c, platform, questionId, replyAt, role, staff));
        if (random.nextDouble() < 0.6) {
            caseEvents(c, platform, questionId, replyAt, staff, role);
        }
    }

    /** Most answered questions become cases that are resolved; some are escalated first, a few reported late. */
    private void caseEvents(
            Community c, String platform, String questionId, long replyAt, String staff, ActorRole role) {
        long resolvedAt = replyAt + 60_000 + random.nextInt(3_600_000);
        SocialEvent resolved = base(c, platform, resolvedAt, EventType.CASE_RESOLVED, staff, role)
                .setCaseId(questionId)
                .build();
        schedule(resolved);
        if (random.nextDouble() < 0.2) {
            long escalatedAt = replyAt + random.nextInt((int) (resolvedAt - replyAt));
            SocialEvent escalated = base(c, platform, escalatedAt, EventType.CASE_ESCALATED, staff, role)
                    .setCaseId(questionId)
                    .build();
            if (random.nextDouble() < 0.3) {
                // the escalation is reported after the resolution: out of order, within the allowed lateness
                queue.add(new Scheduled(resolvedAt + 5_000, seq++, new Generated(escalated, null)));
            } else {
                schedule(escalated);
            }
        }
    }

    private SocialEvent reply(Community c, String platform, String questionId, long at, ActorRole role, String actor) {
        return base(c, platform, at, EventType.COMMENT, actor, role)
                .setContentId(id("r"))
                .setParentId(questionId)
                .setThreadId(questionId)
                .setText("Thanks for asking, here is what we can do")
                .build();
    }

    private void ugc(Community c, String platform, long now) {
        String item = id("u");
        boolean post = random.nextDouble() < 0.3;
        SocialEvent.Builder b = base(
                        c,
                        platform,
                        now,
                        post ? EventType.POST : EventType.COMMENT,
                        member(),
                        random.nextDouble() < 0.1 ? ActorRole.EXPERT : ActorRole.MEMBER)
                .setContentId(item)
                .setText(UGC_TEXT[random.nextInt(UGC_TEXT.length)]);
        String thread = post ? item : "t-" + c.id + "-" + random.nextInt(200);
        b.setThreadId(thread);
        if (!post) {
            b.setParentId(thread);
        }
        schedule(b.build());
        if (random.nextDouble() < 0.3) {
            schedule(base(c, platform, now + random.nextInt(7_200_000), EventType.REACTION, member(), ActorRole.MEMBER)
                    .setContentId(item)
                    .setReaction(random.nextDouble() < 0.5 ? "helpful" : "like")
                    .build());
        }
    }

    private void brandPost(Community c, String platform, long now) {
        NextStep[] steps = NextStep.values();
        NextStep step = random.nextDouble() < 0.3 ? null : steps[random.nextInt(steps.length - 1)];
        String post = id("p");
        schedule(base(c, platform, now, EventType.POST, "staff-" + c.id + "-" + random.nextInt(5), ActorRole.STAFF)
                .setContentId(post)
                .setThreadId(post)
                .setNextStep(step)
                .setText("News from the brand")
                .build());
        recentPosts.put(post, new RecentPost(c.id, step, now));
        if (recentPosts.size() > 400) {
            recentPosts.remove(recentPosts.keySet().iterator().next());
        }
    }

    /** A member's comment burst: over the per-minute limit, sometimes with a stop word. */
    private void spamBurst(Community c, String platform, long now) {
        String spammer = "m-spam-" + random.nextInt(spammers);
        String text = random.nextBoolean() ? "Get FREE FOLLOWERS now" : "nice";
        for (int i = 0; i < 8; i++) {
            schedule(base(c, platform, now + i * 3_000L, EventType.COMMENT, spammer, ActorRole.MEMBER)
                    .setContentId(id("s"))
                    .setParentId("t-" + c.id + "-1")
                    .setThreadId("t-" + c.id + "-1")
                    .setText(text)
                    .build());
        }
    }

    /**
     * A crisis episode on top of the normal traffic, from {@code startMillis} for {@code lengthMillis}:
     * {@code items} negative mentions of acme (a bad release), each by another member, and as many
     * spam comments in globex (a spam wave of one-off accounts with a stop word).
     */
    public void crisis(long startMillis, long lengthMillis, int items) {
        Community acme = communities.get(0);
        Community globex = communities.get(1);
        for (int i = 0; i < items; i++) {
            long at = startMillis + lengthMillis * i / items;
            String post = id("crisis");
            schedule(base(
                            acme,
                            acme.platforms.get(i % acme.platforms.size()),
                            at,
                            EventType.POST,
                            "m-crisis-" + i,
                            ActorRole.MEMBER)
                    .setContentId(post)
                    .setThreadId(post)
                    .setChannel(Channel.MENTION)
                    .setSentiment(io.smmpulse.schema.Sentiment.NEGATIVE)
                    .setText("@acme the update broke my device")
                    .build());
            schedule(base(
                            globex,
                            globex.platforms.get(i % globex.platforms.size()),
                            at,
                            EventType.COMMENT,
                            "m-wave-" + i,
                            ActorRole.MEMBER)
                    .setContentId(id("wave"))
                    .setParentId("t-globex-1")
                    .setThreadId("t-globex-1")
                    .setText("crypto giveaway, click my profile")
                    .build());
        }
    }

    /** Proposals move through their stages over days; some are accepted, fewer implemented. */
    private void proposal(Community c, String platform, long now) {
        String proposal = id("idea");
        String author = member();
        schedule(base(c, platform, now, EventType.PROPOSAL_SUBMITTED, author, ActorRole.MEMBER)
                .setProposalId(proposal)
                .build());
        if (random.nextDouble() < 0.4) {
            long accepted = now + 86_400_000L * (1 + random.nextInt(10));
            schedule(base(c, platform, accepted, EventType.PROPOSAL_ACCEPTED, "staff-" + c.id + "-0", ActorRole.STAFF)
                    .setProposalId(proposal)
                    .build());
            if (random.nextDouble() < 0.4) {
                long implemented = accepted + 86_400_000L * (3 + random.nextInt(30));
                schedule(base(
                                c,
                                platform,
                                implemented,
                                EventType.PROPOSAL_IMPLEMENTED,
                                "staff-" + c.id + "-0",
                                ActorRole.STAFF)
                        .setProposalId(proposal)
                        .build());
            }
        }
    }

    private static final String[] CAMPAIGNS = {"autumn", "black-friday", "loyalty"};

    private void engagement(Community c, String platform, long now) {
        List<String> own = recentPosts.entrySet().stream()
                .filter(e -> e.getValue().community().equals(c.id))
                .map(java.util.Map.Entry::getKey)
                .toList();
        if (own.isEmpty()) {
            return;
        }
        String post = own.get(own.size() - 1 - Math.min(own.size() - 1, (int) Math.abs(random.nextGaussian() * 10)));
        RecentPost recent = recentPosts.get(post);
        NextStep step = recent.step();
        if (step != null && random.nextDouble() < 0.12) {
            convert(c, platform, now, post, recent.publishedAt(), step);
            return;
        }
        double p = random.nextDouble();
        EventType type = p < 0.52
                ? EventType.VIEW
                : p < 0.66
                        ? EventType.REACTION
                        : p < 0.73
                                ? EventType.SHARE
                                : p < 0.78
                                        ? EventType.SAVE
                                        : p < 0.84
                                                ? EventType.VOTE
                                                : p < 0.9
                                                        ? EventType.LINK_CLICK
                                                        : p < 0.93
                                                                ? EventType.EVENT_SIGNUP
                                                                : p < 0.975 ? EventType.FOLLOW : EventType.UNFOLLOW;
        SocialEvent.Builder b = base(c, platform, now, type, member(), ActorRole.MEMBER);
        if (type != EventType.FOLLOW && type != EventType.UNFOLLOW) {
            b.setContentId(post);
        }
        if (type == EventType.REACTION) {
            b.setReaction("like");
        } else if (type == EventType.LINK_CLICK) {
            LinkTarget target = LinkTarget.values()[random.nextInt(4)];
            b.setLinkTarget(target)
                    .setUtmSource(random.nextDouble() < 0.05 ? null : platform)
                    .setUtmMedium("social")
                    .setUtmCampaign(CAMPAIGNS[random.nextInt(CAMPAIGNS.length)])
                    .setUtmContent(post);
        }
        schedule(b.build());
    }

    /** A viewer who takes the post's next step: funnels read views, then actions. */
    private void convert(Community c, String platform, long now, String post, long publishedAt, NextStep step) {
        String actor = member();
        // the view comes after the post: a post's counts start at its publication (docs/kpis.md)
        long viewed = Math.max(publishedAt + 1, now - 1_000 - random.nextInt(60_000));
        schedule(base(c, platform, viewed, EventType.VIEW, actor, ActorRole.MEMBER)
                .setContentId(post)
                .build());
        SocialEvent.Builder b = switch (step) {
            case POLL ->
                base(c, platform, now, EventType.VOTE, actor, ActorRole.MEMBER).setContentId(post);
            case FORM ->
                base(c, platform, now, EventType.FORM_SUBMIT, actor, ActorRole.MEMBER)
                        .setContentId(post);
            case EVENT ->
                base(c, platform, now, EventType.EVENT_SIGNUP, actor, ActorRole.MEMBER)
                        .setContentId(post);
            case FAQ, GUIDE ->
                base(c, platform, now, EventType.LINK_CLICK, actor, ActorRole.MEMBER)
                        .setContentId(post)
                        .setLinkTarget(step == NextStep.FAQ ? LinkTarget.FAQ : LinkTarget.GUIDE)
                        .setUtmSource(platform)
                        .setUtmMedium("social")
                        .setUtmCampaign("next-step")
                        .setUtmContent(post);
            default ->
                base(c, platform, now, EventType.COMMENT, actor, ActorRole.MEMBER)
                        .setContentId(id("u"))
                        .setParentId(post)
                        .setThreadId(post)
                        .setText("Count me in");
        };
        schedule(b.build());
        if (step == NextStep.GUIDE && random.nextDouble() < 0.3) {
            // the default funnel: a guide read, then the form, hours later
            schedule(base(
                            c,
                            platform,
                            now + 600_000 + random.nextInt(6 * 3_600_000),
                            EventType.FORM_SUBMIT,
                            actor,
                            ActorRole.MEMBER)
                    .setContentId("form-" + c.id)
                    .build());
        }
    }

    private void emitMalformed(long now) {
        String[] bad = {
            "{\"event_id\": \"bad-" + now + "\", \"event_type\": \"TELEPORT\", \"occurred_at\": " + now + "}",
            "{\"event_id\": \"bad-" + now + "\", \"occurred_at\": \"yesterday\"}",
            "not json at all " + now,
        };
        queue.add(new Scheduled(now, seq++, new Generated(null, bad[random.nextInt(bad.length)])));
    }

    private SocialEvent.Builder base(
            Community c, String platform, long at, EventType type, String actor, ActorRole role) {
        return SocialEvent.newBuilder()
                .setEventId(id("e"))
                .setEventType(type)
                .setOccurredAt(Instant.ofEpochMilli(at))
                .setPlatform(platform)
                .setCommunityId(c.id)
                .setActorId(actor)
                .setActorRole(role);
    }

    /** Delivery jitter keeps most events in order and a few up to 20 s late; some arrive twice. */
    private void schedule(SocialEvent event) {
        long at = event.getOccurredAt().toEpochMilli();
        long jitter = random.nextDouble() < 0.05 ? random.nextInt(20_000) : 0;
        queue.add(new Scheduled(at + jitter, seq++, new Generated(event, null)));
        if (random.nextDouble() < 0.005) {
            queue.add(new Scheduled(at + jitter + random.nextInt(5_000), seq++, new Generated(event, null)));
        }
    }

    /**
     * Half the activity comes from regulars, half from the long tail. The pools grow with the rate
     * (300 regulars, 20,000 members and 50 spammers up to 5 activities/s): at 20,000 activities/s
     * a fixed pool of 300 regulars would post several items a second each, a flood no community sees.
     */
    private String member() {
        return random.nextBoolean() ? "m-" + random.nextInt(regulars) : "m-" + random.nextInt(members);
    }

    private String id(String prefix) {
        return prefix + "-" + Long.toString(++ids, 36) + "-" + Integer.toString(random.nextInt(1 << 20), 36);
    }
}
