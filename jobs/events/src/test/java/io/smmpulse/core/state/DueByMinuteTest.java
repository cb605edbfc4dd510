package io.smmpulse.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DueByMinuteTest {
    private static final long MINUTE = 60_000;

    @Test
    void keysComeBackAtTheFirstMinuteBoundaryAtOrAfterTheirDueTimeOnceEach() {
        DueByMinute<String> due = new DueByMinute<>();
        due.add("on-the-boundary", 10 * MINUTE);
        due.add("just-after", 10 * MINUTE + 1);
        due.add("just-after", 10 * MINUTE + 2); // the same minute: handed back once
        List<String> released = new ArrayList<>();

        due.release(10 * MINUTE - 1, released::add);
        assertThat(released).isEmpty();
        due.release(10 * MINUTE, released::add);
        assertThat(released).containsExactly("on-the-boundary");
        due.release(11 * MINUTE - 1, released::add);
        assertThat(released).containsExactly("on-the-boundary");
        due.release(Long.MAX_VALUE, released::add);
        assertThat(released).containsExactly("on-the-boundary", "just-after");
        due.release(Long.MAX_VALUE, released::add);
        assertThat(released).as("forgotten once handed back").hasSize(2);
    }

    @Test
    void aKeyListedAgainUnderAMinuteAlreadyHandedBackComesBackAgain() {
        DueByMinute<String> due = new DueByMinute<>();
        due.add("a", 10 * MINUTE);
        List<String> released = new ArrayList<>();
        due.release(10 * MINUTE, released::add);
        due.add("b", 10 * MINUTE); // listed after its minute went: the next watermark hands it back
        due.add("c", 20 * MINUTE);
        due.add("d", 10 * MINUTE);
        due.release(10 * MINUTE, released::add);
        assertThat(released).containsExactly("a", "b", "d");
        due.release(20 * MINUTE, released::add);
        assertThat(released).containsExactly("a", "b", "d", "c");
    }
}
