package io.smmpulse.risk;

import io.smmpulse.core.config.RiskConfig;
import io.smmpulse.core.event.InFlightSerializerTestBase;
import java.util.Objects;

/** Flink's own checks of a serializer over hits that count, take back and only tell an event's time. */
class RiskHitSerializerTest extends InFlightSerializerTestBase<RiskHit> {

    /** RiskHit has no equals of its own: equal when every field is. */
    RiskHitSerializerTest() {
        super(RiskHitSerializer.INSTANCE, RiskHit.class, RiskHitSerializerTest::same);
    }

    private static boolean same(RiskHit a, RiskHit b) {
        return Objects.equals(a.communityId, b.communityId)
                && Objects.equals(a.signal, b.signal)
                && a.time == b.time
                && a.delta == b.delta;
    }

    @Override
    protected RiskHit[] getTestData() {
        return new RiskHit[] {
            new RiskHit("acme", RiskConfig.SPAM, 1_767_225_600_123L, 1),
            new RiskHit("acme", RiskConfig.QUESTIONS, -5L, -1),
            new RiskHit("ünïcødé-🙂-" + "9".repeat(300), RiskConfig.SPAM, Long.MAX_VALUE, 0),
            new RiskHit("globex", "escalations", 7L, Integer.MIN_VALUE),
            new RiskHit()
        };
    }
}
