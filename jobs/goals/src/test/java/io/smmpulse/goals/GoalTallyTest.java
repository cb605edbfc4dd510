package io.smmpulse.goals;

import static io.smmpulse.core.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.BusinessCalendar;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.Goal;
import io.smmpulse.goals.GoalAlertFunction.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tally against a count afresh of the same items ({@link GoalMetrics#at}) at every hour, while items arrive early
 * and late, change (answers, spam revisions, earlier times) and go (withdrawn cases, releases).
 */
class GoalTallyTest {
    private static final long HOUR = 3_600_000;
    private static final long WINDOW = 3L * 86_400_000;
    private static final BusinessCalendar BERLIN =
            Communities.parse("""
            {"communities": {"acme": {"timezone": "Europe/Berlin"}}}
            """, "test").forCommunity("acme").calendar();
    private static final List<Goal.Period> KINDS = List.of(Goal.Period.WEEK, Goal.Period.MONTH);
    private static final String[] KINDS_OF_ITEMS = {
        GoalItem.QUESTION, GoalItem.CASE, GoalItem.UGC, GoalItem.HELPFUL, GoalItem.ACTIVE,
        GoalItem.FOLLOW, GoalItem.CLICK, GoalItem.PROPOSAL, GoalItem.POST, GoalItem.CONVERSION
    };
    private static final String[] STEPS = {"FAQ", "GUIDE", "POLL", "FORM", "EVENT", "THREAD"};
    private static final String[] CONVERSIONS = {"LINK_CLICK", "VOTE", "FORM_SUBMIT", "EVENT_SIGNUP"};

    @Test
    void everyMetricOfEveryPeriodEqualsACountAfreshAtEveryHour() {
        for (long seed = 1; seed <= 12; seed++) {
            checkAgainstCountAfresh(seed);
        }
    }

    private static void checkAgainstCountAfresh(long seed) {
        Random random = new Random(seed);
        long start = at("2026-02-20T00:00:00Z");
        GoalTally tally = new GoalTally(KINDS, BERLIN, WINDOW, Long.MIN_VALUE);
        Map<String, GoalItem> model = new HashMap<>();
        long hour = start;
        for (int step = 0; step < 24 * 40; step++) {
            for (int n = random.nextInt(6); n > 0; n--) {
                change(random, hour, tally, model);
            }
            if (step == 500) {
                hour -= 30 * HOUR; // an earlier first event moves the hours back
            }
            hour += HOUR;
            tally.advance(hour);
            if (step % 24 == 23) {
                long horizon = Period.holding(BERLIN, Goal.Period.MONTH, hour - 35L * 86_400_000)
                        .startAt();
                tally.release(horizon);
                model.values().removeIf(item -> item.time < horizon);
            }
            assertSame(seed, hour, tally, model);
        }
    }

    private static void change(Random random, long hour, GoalTally tally, Map<String, GoalItem> model) {
        String kind = KINDS_OF_ITEMS[random.nextInt(KINDS_OF_ITEMS.length)];
        int which = random.nextInt(40);
        // a brand post is kept by its content id, as the ledger keeps it
        String key = kind.equals(GoalItem.POST) ? kind + "p" + which % 8 : kind + which;
        GoalItem known = model.get(key);
        if (known != null && random.nextInt(5) == 0) {
            tally.put(key, null);
            model.remove(key);
            return;
        }
        GoalItem item = known != null && random.nextBoolean() ? copy(known) : fresh(random, kind, hour);
        if (kind.equals(GoalItem.POST)) {
            item.ref = key.substring(kind.length());
        }
        if (known != null) {
            switch (random.nextInt(3)) {
                case 0 -> item.responded = item.time + random.nextInt(8) * HOUR / 2;
                case 1 -> item.spam = !item.spam;
                default -> item.time -= random.nextInt(3) * HOUR;
            }
        }
        tally.put(key, item);
        model.put(key, item);
    }

    /** A copy to change: a thing in the ledger is never changed in place (the tally holds it as it was put). */
    private static GoalItem copy(GoalItem item) {
        GoalItem copy = GoalItem.of(item.kind, item.time);
        copy.member = item.member;
        copy.ref = item.ref;
        copy.step = item.step;
        copy.linkTarget = item.linkTarget;
        copy.thread = item.thread;
        copy.deadline = item.deadline;
        copy.responded = item.responded;
        copy.flag = item.flag;
        copy.comment = item.comment;
        copy.spam = item.spam;
        copy.sign = item.sign;
        return copy;
    }

    private static GoalItem fresh(Random random, String kind, long hour) {
        // now and then a change to a thing of a period let go of already (a late answer to an old question)
        long back = random.nextInt(50) == 0 ? 60L * 86_400_000 : 0;
        GoalItem item = GoalItem.of(kind, hour - back + (random.nextInt(13) - 8) * HOUR / 2);
        item.member = "m" + random.nextInt(6);
        item.ref = (kind.equals(GoalItem.POST) || kind.equals(GoalItem.CONVERSION) ? "p" : "i") + random.nextInt(8);
        item.step = kind.equals(GoalItem.POST)
                ? STEPS[random.nextInt(STEPS.length)]
                : CONVERSIONS[random.nextInt(CONVERSIONS.length)];
        item.linkTarget = random.nextBoolean() ? "FAQ" : "GUIDE";
        item.comment = random.nextBoolean();
        item.thread = "p" + random.nextInt(8);
        item.flag = random.nextBoolean();
        item.spam = random.nextInt(6) == 0;
        item.sign = random.nextBoolean() ? 1 : -1;
        if (kind.equals(GoalItem.QUESTION)) {
            item.deadline = random.nextInt(5) == 0 ? null : item.time + random.nextInt(6) * HOUR / 2;
            item.responded = random.nextBoolean() ? null : item.time + random.nextInt(8) * HOUR / 2;
        }
        return item;
    }

    private static void assertSame(long seed, long hour, GoalTally tally, Map<String, GoalItem> model) {
        List<Period> periods = new ArrayList<>();
        for (Goal.Period kind : KINDS) {
            for (long back : new long[] {0, 7L * 86_400_000, 31L * 86_400_000}) {
                periods.add(Period.holding(BERLIN, kind, hour - back));
            }
        }
        for (Period period : periods) {
            GoalMetrics afresh = GoalMetrics.at(model.values(), period.startAt(), period.endAt(), hour, WINDOW);
            for (Goal.Metric metric : Goal.Metric.values()) {
                assertThat(tally.value(metric, period))
                        .as(
                                "seed %d, %s of %s at %s",
                                seed, metric, period.start(), java.time.Instant.ofEpochMilli(hour))
                        .isEqualTo(afresh.value(metric));
            }
        }
    }

    @Test
    void whatIsReleasedLeavesNothingBehind() {
        GoalTally tally = new GoalTally(KINDS, BERLIN, WINDOW, Long.MIN_VALUE);
        GoalItem question = GoalItem.of(GoalItem.QUESTION, at("2026-03-02T10:00:00Z"));
        question.deadline = at("2026-03-02T12:00:00Z");
        question.responded = at("2026-03-02T11:00:00Z");
        tally.put("q", question);
        assertThat(tally.pendingChanges()).isEqualTo(3);
        tally.advance(at("2026-03-03T00:00:00Z"));
        assertThat(tally.pendingChanges()).isZero();
        assertThat(tally.periods()).isEqualTo(2); // its week and its month
        assertThat(tally.release(at("2026-04-01T00:00:00Z"))).containsExactly("q");
        assertThat(tally.periods()).isZero();
        assertThat(tally.items()).isEmpty();
    }
}
