package io.smmpulse.core.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * The event-time settings every KPI topology shares. {@code replayClock} is set in a bounded
 * replay only: the clock then stands at the largest occurred_at of the input.
 * {@code watermarkMaxAhead}: how far ahead of the reading task's wall clock an event may move its
 * partition's clock (a producer with a wrong clock must not make the events behind it late).
 * {@code maxIngestDelay}: the longest time producers take to append an event after it occurred; the
 * alert clock trails the instant up to which every partition has been read by it (docs/alerts.md).
 */
public record EventTimeSettings(
        Duration outOfOrderness,
        Duration allowedLateness,
        Duration watermarkMaxAhead,
        Duration maxIngestDelay,
        Duration responseHorizon,
        Mode mode,
        Long replayClock)
        implements Serializable {

    public enum Mode {
        LIVE,
        REPLAY
    }

    public static final int MAX_PARALLELISM = 128;
    public static final Duration DEFAULT_MAX_INGEST_DELAY = Duration.ofSeconds(10);

    public static EventTimeSettings live() {
        return live(DEFAULT_MAX_INGEST_DELAY);
    }

    public static EventTimeSettings live(Duration maxIngestDelay) {
        return new EventTimeSettings(
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                Duration.ofMinutes(1),
                maxIngestDelay,
                Duration.ofDays(30),
                Mode.LIVE,
                null);
    }

    public static EventTimeSettings replay(long replayClock) {
        return new EventTimeSettings(
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                Duration.ofMinutes(1),
                DEFAULT_MAX_INGEST_DELAY,
                Duration.ofDays(30),
                Mode.REPLAY,
                replayClock);
    }

    /** These settings with another response horizon: how long an unanswered question is followed, and its breach fires. */
    public EventTimeSettings withResponseHorizon(Duration horizon) {
        return new EventTimeSettings(
                outOfOrderness, allowedLateness, watermarkMaxAhead, maxIngestDelay, horizon, mode, replayClock);
    }

    public long latenessMillis() {
        return allowedLateness.toMillis();
    }

    /**
     * The event-time timer that fires once the job's clock is at {@code instant}. Live, the watermark
     * is the alert clock less one millisecond ({@code PartitionClock}); in a replay, the clock is the watermark.
     */
    public long timerAt(long instant) {
        return mode == Mode.LIVE ? instant - 1 : instant;
    }

    /** The instant a timer of {@link #timerAt} stands for. */
    public long instantOf(long timer) {
        return mode == Mode.LIVE ? timer + 1 : timer;
    }

    /** The clock a watermark stands for (the inverse of {@link #timerAt}); Long.MIN_VALUE before any. */
    public long clockOf(long watermark) {
        return watermark == Long.MIN_VALUE ? Long.MIN_VALUE : instantOf(watermark);
    }
}
