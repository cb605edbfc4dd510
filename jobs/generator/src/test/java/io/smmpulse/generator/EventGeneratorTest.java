package io.smmpulse.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.Communities;
import io.smmpulse.schema.ActorRole;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class EventGeneratorTest {
    private static final long MINUTE = 60_000;

    /** A minute of simulated time at the given activity rate: records, and the most records one member produced. */
    private static long[] minuteAt(double activitiesPerSecond) {
        EventGenerator generator = new EventGenerator(Communities.embedded(), 7, activitiesPerSecond, 0);
        long[] records = {0};
        Map<String, Long> perMember = new HashMap<>();
        generator.advanceTo(MINUTE, record -> {
            records[0]++;
            if (record.event() != null && record.event().getActorId().startsWith("m-")) {
                perMember.merge(
                        record.event().getCommunityId() + "/" + record.event().getActorId(), 1L, Long::sum);
            }
        });
        return new long[] {
            records[0],
            perMember.values().stream().mapToLong(Long::longValue).max().orElse(0)
        };
    }

    @Test
    void keepsItsRateAboveAThousandActivitiesASecond() {
        // activities less than a millisecond apart: a clock in whole milliseconds capped the rate at 1,000/s
        assertThat(minuteAt(5_000)[0]).isGreaterThan(5_000L * 60);
        assertThat(minuteAt(100)[0]).isBetween(100L * 60, 100L * 60 * 3);
    }

    @Test
    void membersGrowWithTheRateSoNoRegularFloodsTheCommunity() {
        // with fixed pools the busiest regular would produce 50 times more at 50 times the rate
        long busiestAtLowRate = minuteAt(100)[1];
        long busiestAtHighRate = minuteAt(5_000)[1];
        assertThat(busiestAtHighRate).isLessThanOrEqualTo(Math.max(3, 2 * busiestAtLowRate));
    }

    @Test
    void nothingHappensToABrandPostBeforeItIsPublished() {
        // a conversion's view is placed up to a minute before its action: never before the post itself
        // (delivery is out of order, so the posts are known once the hour is delivered)
        EventGenerator generator = new EventGenerator(Communities.embedded(), 3, 20, 0);
        Map<String, Long> published = new HashMap<>();
        java.util.List<io.smmpulse.schema.SocialEvent> onPosts = new java.util.ArrayList<>();
        generator.advanceTo(6 * 60 * MINUTE, record -> {
            io.smmpulse.schema.SocialEvent e = record.event();
            if (e == null || e.getContentId() == null) {
                return;
            }
            if (e.getEventType() == io.smmpulse.schema.EventType.POST && e.getActorRole() == ActorRole.STAFF) {
                published.put(e.getContentId(), e.getOccurredAt().toEpochMilli());
            } else if (e.getContentId().startsWith("p-")) {
                onPosts.add(e);
            }
        });
        assertThat(onPosts).hasSizeGreaterThan(1_000);
        assertThat(onPosts).allSatisfy(e -> assertThat(published).containsKey(e.getContentId()));
        assertThat(onPosts)
                .allSatisfy(e -> assertThat(e.getOccurredAt().toEpochMilli())
                        .as("%s on %s", e.getEventType(), e.getContentId())
                        .isGreaterThanOrEqualTo(published.get(e.getContentId())));
    }
}
