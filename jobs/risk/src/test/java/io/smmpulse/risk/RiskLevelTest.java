package io.smmpulse.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** docs/kpis.md's comparisons, exactly: a count equal to a threshold is below it. */
class RiskLevelTest {
    private static final BigDecimal THREE = new BigDecimal("3.0");

    /** Baseline {1, 3}: mean 2, population std 1; warning above 2 + σ, critical above 2 + 2σ. */
    @Test
    void aCountExactlyAtAThresholdIsBelowIt() {
        assertThat(RiskLevel.of(5, 2, 4, 10, THREE, 1)).isEqualTo(RiskLevel.NONE);
        assertThat(RiskLevel.of(6, 2, 4, 10, THREE, 1)).isEqualTo(RiskLevel.WARNING);
        assertThat(RiskLevel.of(8, 2, 4, 10, THREE, 1)).isEqualTo(RiskLevel.WARNING);
        assertThat(RiskLevel.of(9, 2, 4, 10, THREE, 1)).isEqualTo(RiskLevel.CRITICAL);
        assertThat(RiskLevel.mean(2, 4)).isEqualTo(2.0);
        assertThat(RiskLevel.std(2, 4, 10)).isEqualTo(1.0);
    }

    @Test
    void aDecimalSigmaIsComparedAsWrittenNotAsABinaryFraction() {
        // baseline {0, 10}: mean 5, std 5; with σ = 0.1 warning above 5.5, critical above exactly 6
        BigDecimal tenth = new BigDecimal("0.1");
        assertThat(RiskLevel.of(5, 2, 10, 100, tenth, 1)).isEqualTo(RiskLevel.NONE);
        assertThat(RiskLevel.of(6, 2, 10, 100, tenth, 1)).isEqualTo(RiskLevel.WARNING);
        assertThat(RiskLevel.of(7, 2, 10, 100, tenth, 1)).isEqualTo(RiskLevel.CRITICAL);
        // σ = 0.2: warning above 6, critical above 7, both exact
        BigDecimal fifth = new BigDecimal("0.2");
        assertThat(RiskLevel.of(6, 2, 10, 100, fifth, 1)).isEqualTo(RiskLevel.NONE);
        assertThat(RiskLevel.of(7, 2, 10, 100, fifth, 1)).isEqualTo(RiskLevel.WARNING);
        assertThat(RiskLevel.of(8, 2, 10, 100, fifth, 1)).isEqualTo(RiskLevel.CRITICAL);
    }

    @Test
    void withAFlatBaselineAnythingAboveTheMeanIsCriticalOnceItReachesMinCount() {
        // baseline {4, 4, 4}: std 0
        assertThat(RiskLevel.std(3, 12, 48)).isZero();
        assertThat(RiskLevel.of(4, 3, 12, 48, THREE, 1)).isEqualTo(RiskLevel.NONE);
        assertThat(RiskLevel.of(5, 3, 12, 48, THREE, 10)).as("below min_count").isEqualTo(RiskLevel.NONE);
        assertThat(RiskLevel.of(5, 3, 12, 48, THREE, 5)).isEqualTo(RiskLevel.CRITICAL);
    }

    @Test
    void withoutBaselineWindowsThereIsNoLevel() {
        assertThat(RiskLevel.of(1_000, 0, 0, 0, THREE, 1)).isEqualTo(RiskLevel.NONE);
    }
}
