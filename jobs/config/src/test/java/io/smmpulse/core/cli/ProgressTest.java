package io.smmpulse.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final long[] nanos = {0};

    private Progress progress(long total, boolean terminal) {
        return new Progress(
                "replay",
                "events",
                total,
                new PrintStream(written, true, StandardCharsets.UTF_8),
                terminal,
                () -> nanos[0]);
    }

    private String output() {
        return written.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLogGetsALineEveryFiveSecondsWithRateAndTimeLeft() {
        Progress progress = progress(100_000, false);
        nanos[0] = 4_000_000_000L;
        progress.at(10_000);
        assertThat(output()).isEmpty();
        nanos[0] = 5_000_000_000L;
        progress.at(25_000);
        nanos[0] = 6_000_000_000L;
        progress.at(30_000);
        nanos[0] = 10_000_000_000L;
        progress.at(50_000);
        progress.finish(100_000);
        assertThat(output().lines())
                .containsExactly(
                        "replay: 25,000 of 100,000 events (25 %), 5,000/s, 15s left",
                        "replay: 50,000 of 100,000 events (50 %), 5,000/s, 10s left",
                        "replay: 100,000 of 100,000 events (100 %), 10,000/s, 10s so far");
    }

    @Test
    void aTerminalGetsOneLineRedrawnAndEndedAtTheFinish() {
        Progress progress = progress(0, true);
        nanos[0] = 300_000_000L;
        progress.at(600);
        nanos[0] = 400_000_000L;
        progress.at(700);
        nanos[0] = 600_000_000L;
        progress.at(1_200);
        nanos[0] = 120_000_000_000L;
        progress.finish(240_000);
        assertThat(output())
                .isEqualTo("\rreplay: 600 events, 2,000/s, 0s so far\033[K"
                        + "\rreplay: 1,200 events, 2,000/s, 1s so far\033[K"
                        + "\rreplay: 240,000 events, 2,000/s, 2m00s so far\033[K\n");
    }

    @Test
    void nothingNewIsNotShownAgain() {
        Progress progress = progress(10, false);
        nanos[0] = 5_000_000_000L;
        progress.at(3);
        nanos[0] = 10_000_000_000L;
        progress.at(3);
        progress.finish(3);
        assertThat(output().lines()).containsExactly("replay: 3 of 10 events (30 %), 1/s, 12s left");
    }
}
