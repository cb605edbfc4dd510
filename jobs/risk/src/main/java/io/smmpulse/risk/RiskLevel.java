package io.smmpulse.risk;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * docs/kpis.md's level of a window count against its baseline (n windows, their sum S and sum of
 * squares Q): {@code critical} when count ≥ min_count and count > mean + 2·sigma·std, {@code warning}
 * when count ≥ min_count and count > mean + sigma·std, else {@code none}. Decided exactly, in
 * integers: count > mean + m·std ⇔ n·count − S > m·√(n·Q − S²) ⇔ n·count − S > 0 and
 * (n·count − S)² > m²·(n·Q − S²), with m the decimal sigma as written in the config.
 */
public enum RiskLevel {
    NONE,
    WARNING,
    CRITICAL;

    public String sqlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static RiskLevel of(long count, long n, long sum, long sumOfSquares, BigDecimal sigma, int minCount) {
        if (n == 0 || count < minCount) {
            return NONE;
        }
        if (above(count, n, sum, sumOfSquares, sigma.multiply(BigDecimal.valueOf(2)))) {
            return CRITICAL;
        }
        return above(count, n, sum, sumOfSquares, sigma) ? WARNING : NONE;
    }

    private static boolean above(long count, long n, long sum, long sumOfSquares, BigDecimal m) {
        BigInteger lead =
                BigInteger.valueOf(n).multiply(BigInteger.valueOf(count)).subtract(BigInteger.valueOf(sum));
        if (lead.signum() <= 0) {
            return false;
        }
        BigInteger spread = BigInteger.valueOf(n)
                .multiply(BigInteger.valueOf(sumOfSquares))
                .subtract(BigInteger.valueOf(sum).pow(2));
        return new BigDecimal(lead.pow(2)).compareTo(m.pow(2).multiply(new BigDecimal(spread))) > 0;
    }

    public static double mean(long n, long sum) {
        return (double) sum / n;
    }

    /** Population standard deviation: √(n·Q − S²) / n. */
    public static double std(long n, long sum, long sumOfSquares) {
        double spread = (double) n * sumOfSquares - (double) sum * sum;
        return Math.sqrt(Math.max(0, spread)) / n;
    }
}
