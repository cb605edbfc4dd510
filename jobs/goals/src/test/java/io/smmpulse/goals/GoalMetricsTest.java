package io.smmpulse.goals;

import static io.smmpulse.core.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Goal.Metric;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each goal metric as it stood at an instant: only what had happened by then counts. */
class GoalMetricsTest {
    private static final long START = at("2026-03-02T00:00:00Z");
    private static final long END = at("2026-03-09T00:00:00Z");
    private static final long WINDOW = 90L * 86_400_000;

    private final List<GoalItem> items = new ArrayList<>();

    private GoalItem add(String kind, String time) {
        GoalItem item = GoalItem.of(kind, at(time));
        items.add(item);
        return item;
    }

    private Double valueAt(Metric metric, String instant) {
        return GoalMetrics.at(items, START, END, io.smmpulse.core.TestEvents.at(instant), WINDOW)
                .value(metric);
    }

    @Test
    void aQuestionCountsAsAnsweredFromItsAnswerAndAsBreachedOnlyPastItsDeadline() {
        GoalItem answered = add(GoalItem.QUESTION, "2026-03-02T10:00:00Z");
        answered.deadline = at("2026-03-02T12:00:00Z");
        answered.responded = at("2026-03-02T10:30:00Z");
        GoalItem unanswered = add(GoalItem.QUESTION, "2026-03-02T10:00:00Z");
        unanswered.deadline = at("2026-03-02T11:00:00Z");
        GoalItem spam = add(GoalItem.QUESTION, "2026-03-02T10:00:00Z");
        spam.deadline = at("2026-03-02T10:01:00Z");
        spam.spam = true;

        assertThat(valueAt(Metric.SLA_SHARE, "2026-03-02T10:15:00Z")).isNull();
        assertThat(valueAt(Metric.FRT_AVG_S, "2026-03-02T10:15:00Z")).isNull();
        assertThat(valueAt(Metric.SLA_SHARE, "2026-03-02T11:00:00Z")).isEqualTo(1.0); // the deadline itself: not past
        assertThat(valueAt(Metric.SLA_SHARE, "2026-03-02T11:00:00.001Z")).isEqualTo(0.5);
        assertThat(valueAt(Metric.FRT_AVG_S, "2026-03-03T00:00:00Z")).isEqualTo(1800.0);
    }

    @Test
    void itemsReactionsAndConversionsCountFromTheirOwnTimes() {
        GoalItem item = add(GoalItem.UGC, "2026-03-02T09:00:00Z");
        item.member = "ann";
        item.ref = "i1";
        item.flag = true; // negative
        GoalItem reaction = add(GoalItem.HELPFUL, "2026-03-03T09:00:00Z");
        reaction.member = "bob";
        reaction.ref = "i1";
        GoalItem own = add(GoalItem.HELPFUL, "2026-03-02T09:30:00Z");
        own.member = "ann";
        own.ref = "i1";
        GoalItem post = add(GoalItem.POST, "2026-03-02T08:00:00Z");
        post.ref = "p1";
        post.step = "FAQ";
        GoalItem click = add(GoalItem.CONVERSION, "2026-03-04T08:00:00Z");
        click.ref = "p1";
        click.member = "cy";
        click.step = "LINK_CLICK";
        click.linkTarget = "FAQ";
        GoalItem wrongTarget = add(GoalItem.CONVERSION, "2026-03-04T08:00:00Z");
        wrongTarget.ref = "p1";
        wrongTarget.member = "dan";
        wrongTarget.step = "LINK_CLICK";
        wrongTarget.linkTarget = "GUIDE";
        GoalItem active = add(GoalItem.ACTIVE, "2026-03-05T08:00:00Z");
        active.member = "ann"; // the item's author again: one member
        GoalItem follow = add(GoalItem.FOLLOW, "2026-03-02T10:00:00Z");
        follow.sign = 1;
        GoalItem unfollow = add(GoalItem.FOLLOW, "2026-03-06T10:00:00Z");
        unfollow.sign = -1;
        GoalItem implemented = add(GoalItem.PROPOSAL, "2026-03-03T10:00:00Z");
        implemented.ref = "pr1";
        GoalItem implementedAgain = add(GoalItem.PROPOSAL, "2026-03-04T10:00:00Z");
        implementedAgain.ref = "pr1";

        assertThat(valueAt(Metric.UGC_ITEMS, "2026-03-02T08:59:59Z")).isZero();
        assertThat(valueAt(Metric.HELPFUL_SHARE, "2026-03-02T08:59:59Z")).isNull();
        assertThat(valueAt(Metric.HELPFUL_SHARE, "2026-03-03T08:00:00Z"))
                .as("the author's own reaction")
                .isZero();
        assertThat(valueAt(Metric.HELPFUL_SHARE, "2026-03-03T09:00:00Z")).isEqualTo(1.0);
        assertThat(valueAt(Metric.NEGATIVE_SHARE, "2026-03-03T09:00:00Z")).isEqualTo(1.0);
        assertThat(valueAt(Metric.CONVERTERS_7D, "2026-03-04T07:59:59Z")).isZero();
        assertThat(valueAt(Metric.CONVERTERS_7D, "2026-03-04T08:00:00Z")).isEqualTo(1.0);
        assertThat(valueAt(Metric.ACTIVE_MEMBERS, "2026-03-06T00:00:00Z")).isEqualTo(1.0);
        assertThat(valueAt(Metric.NET_FOLLOWS, "2026-03-05T00:00:00Z")).isEqualTo(1.0);
        assertThat(valueAt(Metric.NET_FOLLOWS, "2026-03-07T00:00:00Z")).isZero();
        assertThat(valueAt(Metric.PROPOSALS_IMPLEMENTED, "2026-03-07T00:00:00Z"))
                .isEqualTo(1.0);
    }

    @Test
    void aCaseCountsFromItsFirstResolutionInThePeriod() {
        GoalItem escalated = add(GoalItem.CASE, "2026-03-02T10:00:00Z");
        escalated.flag = true;
        add(GoalItem.CASE, "2026-03-03T10:00:00Z");
        add(GoalItem.CASE, "2026-03-09T10:00:00Z"); // the next week

        assertThat(valueAt(Metric.RESOLVED_WITHOUT_ESCALATION_SHARE, "2026-03-02T09:00:00Z"))
                .isNull();
        assertThat(valueAt(Metric.RESOLVED_WITHOUT_ESCALATION_SHARE, "2026-03-02T10:00:00Z"))
                .isZero();
        assertThat(valueAt(Metric.RESOLVED_WITHOUT_ESCALATION_SHARE, "2026-03-10T00:00:00Z"))
                .isEqualTo(0.5);
    }
}
