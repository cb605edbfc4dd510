package io.smmpulse.core.config;

import io.smmpulse.schema.Channel;
import io.smmpulse.schema.Priority;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** The effective configuration of one community: its own keys over the defaults, SLA rules chained. */
public record CommunityConfig(
        String communityId,
        BusinessCalendar calendar,
        List<SlaRule> slaRules,
        List<String> stopWords,
        List<String> negativeWords,
        int spamMaxItemsPerMinute,
        double slaWarningShare,
        List<Funnel> funnels,
        RiskConfig risk,
        int helpfulWindowDays,
        int postWindowDays,
        List<Goal> goals,
        double goalAlertAfter)
        implements Serializable {

    /** The same community without goals (the bench measures what they cost). */
    public CommunityConfig withoutGoals() {
        return new CommunityConfig(
                communityId,
                calendar,
                slaRules,
                stopWords,
                negativeWords,
                spamMaxItemsPerMinute,
                slaWarningShare,
                funnels,
                risk,
                helpfulWindowDays,
                postWindowDays,
                List.of(),
                goalAlertAfter);
    }

    /** The team a goal alert names: the risk owners' {@code goals} entry, else theirs for every signal. */
    public String goalOwner() {
        return risk.owner(RiskConfig.GOALS_OWNER);
    }

    private static final long DAY_MILLIS = 86_400_000L;

    /** docs/kpis.md: a helpful reaction counts for an item when it occurred in [item, item + this). */
    public long helpfulWindowMillis() {
        return helpfulWindowDays * DAY_MILLIS;
    }

    /** docs/kpis.md: a brand post's content counts cover the events on it in [published, published + this). */
    public long postWindowMillis() {
        return postWindowDays * DAY_MILLIS;
    }

    /**
     * docs/kpis.md, negative item (for a UGC item): scored NEGATIVE upstream, or, unscored, its text holds
     * one of the community's negative words.
     */
    public boolean isNegative(io.smmpulse.schema.SocialEvent e) {
        if (e.getSentiment() != null) {
            return e.getSentiment() == io.smmpulse.schema.Sentiment.NEGATIVE;
        }
        return io.smmpulse.core.event.Words.containsAny(e.getText(), negativeWords);
    }

    /** The first rule whose channel and priority match: the community's own rules first, then the defaults'. */
    public Optional<SlaRule> slaRuleFor(Channel channel, Priority priority) {
        return slaRules.stream().filter(rule -> rule.matches(channel, priority)).findFirst();
    }

    /** The SLA deadline of a question asked at {@code askedAt}, or empty when no rule applies. */
    public Optional<Long> deadline(long askedAt, Channel channel, Priority priority) {
        return after(askedAt, channel, priority, 1.0);
    }

    /**
     * docs/kpis.md, SLA warning: the instant at which {@code sla_warning_share} of the rule's time
     * (business or calendar, as the rule counts) has elapsed; empty when no rule applies.
     */
    public Optional<Long> warning(long askedAt, Channel channel, Priority priority) {
        return after(askedAt, channel, priority, slaWarningShare);
    }

    private Optional<Long> after(long askedAt, Channel channel, Priority priority, double share) {
        return slaRuleFor(channel, priority).map(rule -> {
            long millis = Math.round(rule.firstResponseMinutes() * 60_000L * share);
            return rule.businessHours() ? calendar.addBusinessMillis(askedAt, millis) : askedAt + millis;
        });
    }
}
