package io.smmpulse.core.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * The event-time settings every KPI topology shares. {@code replayClock} is set in a bounded
 * replay only: SPEC says the clock then stands at the largest occurred_at of the input.
 * {@code watermarkMaxAhead}: how far ahead of the reading task's wall clock an event may move its
 * partition's watermark (a producer with a wrong clock must not make the events behind it late).
 * {@code liveLag} and {@code quietAfter}: when a partition counts as caught up, so that its watermark
 * follows the wall clock and alerts of a quiet stream fire ({@code LiveWatermarks}).
 */
public record PulseSettings(
        Duration outOfOrderness,
        Duration allowedLateness,
        Duration idleness,
        Duration watermarkMaxAhead,
        Duration liveLag,
        Duration quietAfter,
        Duration responseHorizon,
        Mode mode,
        Long replayClock) implements Serializable {

    public enum Mode { LIVE, REPLAY }

    public static final int MAX_PARALLELISM = 128;
    private static final Duration LIVE_LAG = Duration.ofSeconds(5);
    private static final Duration QUIET_AFTER = Duration.ofSeconds(1);

    public static PulseSettings live() {
        return new PulseSettings(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofMinutes(1), LIVE_LAG, QUIET_AFTER, Duration.ofDays(30), Mode.LIVE, null);
    }

    public static PulseSettings replay(long replayClock) {
        return new PulseSettings(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofMinutes(1), LIVE_LAG, QUIET_AFTER, Duration.ofDays(30), Mode.REPLAY, replayClock);
    }

    public long latenessMillis() {
        return allowedLateness.toMillis();
    }

    /**
     * The event-time timer that fires once the job's clock is at {@code instant}: live, the clock is the
     * instant up to which the input has been read, {@code watermark + bound + 1}; in a replay, the watermark.
     */
    public long timerAt(long instant) {
        return mode == Mode.LIVE ? instant - outOfOrderness.toMillis() - 1 : instant;
    }

    /** The instant a timer of {@link #timerAt} stands for. */
    public long instantOf(long timer) {
        return mode == Mode.LIVE ? timer + outOfOrderness.toMillis() + 1 : timer;
    }
}
