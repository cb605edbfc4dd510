package io.smmpulse.risk;

import io.smmpulse.core.config.RiskConfig;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/** Flink's own checks of a serializer over hits that count, take back and only tell an event's time. */
class RiskHitSerializerTest extends SerializerTestBase<RiskHit> {

    /** RiskHit has no equals of its own: equal when every field is. */
    RiskHitSerializerTest() {
        super(new DeeplyEqualsChecker()
                .withCustomCheck(
                        (should, is) -> should instanceof RiskHit && is instanceof RiskHit,
                        (should, is, checker) -> same((RiskHit) should, (RiskHit) is)));
    }

    private static boolean same(RiskHit a, RiskHit b) {
        return Objects.equals(a.communityId, b.communityId)
                && Objects.equals(a.signal, b.signal)
                && a.time == b.time
                && a.delta == b.delta;
    }

    @Override
    protected TypeSerializer<RiskHit> createSerializer() {
        return RiskHitSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<RiskHit> getTypeClass() {
        return RiskHit.class;
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
