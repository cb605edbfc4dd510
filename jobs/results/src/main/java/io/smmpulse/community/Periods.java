package io.smmpulse.community;

/**
 * When state that events up to an instant can change may be let go: the instant + the allowed
 * lateness (the last accepted event) + the spam window (the last revision such an event can
 * cause) + a week of slack. The slack is for a Kafka partition that stalls while behind (a broker
 * down during a backlog): after 10 s it is idle and the others carry the watermark on, so its
 * records, still accepted by their own source's watermark, reach these operators behind theirs.
 * All events of a community share a partition, so a week covers any stall shorter than a week.
 */
final class Periods {
    static final long SPAM_WINDOW_MILLIS = 60_000;
    static final long STALL_SLACK_MILLIS = 7L * 86_400_000;

    private final long latenessMillis;

    Periods(long latenessMillis) {
        this.latenessMillis = latenessMillis;
    }

    long close(long periodEnd) {
        return releaseAfter(periodEnd, latenessMillis);
    }

    /** When state that accepted events up to {@code time} can still change may be released. */
    static long releaseAfter(long time, long latenessMillis) {
        return time + latenessMillis + SPAM_WINDOW_MILLIS + STALL_SLACK_MILLIS + 1;
    }
}
