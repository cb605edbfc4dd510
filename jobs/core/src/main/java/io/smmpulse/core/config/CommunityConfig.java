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
        List<Funnel> funnels) implements Serializable {

    /** The first rule whose channel and priority match: the community's own rules first, then the defaults'. */
    public Optional<SlaRule> slaRuleFor(Channel channel, Priority priority) {
        return slaRules.stream().filter(rule -> rule.matches(channel, priority)).findFirst();
    }

    /** The SLA deadline of a question asked at {@code askedAt}, or empty when no rule applies. */
    public Optional<Long> deadline(long askedAt, Channel channel, Priority priority) {
        return slaRuleFor(channel, priority).map(rule -> {
            long millis = rule.firstResponseMinutes() * 60_000L;
            return rule.businessHours() ? calendar.addBusinessMillis(askedAt, millis) : askedAt + millis;
        });
    }
}
