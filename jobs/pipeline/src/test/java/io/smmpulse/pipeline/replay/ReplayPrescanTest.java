package io.smmpulse.pipeline.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.config.EventTimeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayPrescanTest {
    private static String view(String id, String at) {
        return "{\"event_id\": \"" + id + "\", \"event_type\": \"VIEW\", \"occurred_at\": \"" + at
                + "\", \"platform\": \"x\", "
                + "\"community_id\": \"acme\", \"actor_id\": \"u1\", \"actor_role\": \"MEMBER\", \"content_id\": \"p1\"}";
    }

    @Test
    void countsCopiesOfAcceptedEventsThatAreNotLateAndFindsTheClock(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("input.jsonl");
        Files.write(
                file,
                List.of(
                        view("e1", "2026-03-02T10:00:00Z"),
                        view("e1", "2026-03-02T10:00:00Z"), // a copy
                        "not json",
                        view("e2", "2026-03-02T12:00:00Z"), // watermark 11:59:29.999: 10:00 is now late
                        view("e1", "2026-03-02T10:00:00Z"), // a late copy: late, not a copy
                        view("e3", "2026-03-02T11:00:00Z"), // exactly the lateness behind: accepted
                        view("e3", "2026-03-02T11:00:00Z"), // a copy
                        view("e2", "2026-03-02T12:00:00Z"))); // a copy
        ReplayJob.Prescan prescan = ReplayJob.Prescan.of(file, EventTimeSettings.replay(0));
        assertThat(prescan.duplicates()).isEqualTo(3);
        assertThat(prescan.clock())
                .isEqualTo(Instant.parse("2026-03-02T12:00:00Z").toEpochMilli());
    }
}
