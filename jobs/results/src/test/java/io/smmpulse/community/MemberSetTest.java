package io.smmpulse.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MemberSetTest {

    @Test
    void answersAsAHashSetDoesThroughManyGrowths() {
        MemberSet set = new MemberSet();
        HashSet<String> expected = new HashSet<>();
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            String member = "m-" + (random.nextBoolean() ? random.nextInt(300) : random.nextInt(100_000));
            assertThat(set.contains(member)).as(member).isEqualTo(expected.contains(member));
            assertThat(set.add(member)).as(member).isEqualTo(expected.add(member));
        }
        assertThat(set.size()).isEqualTo(expected.size());
        for (int n = 0; n < 100_000; n++) {
            assertThat(set.contains("m-" + n)).isEqualTo(expected.contains("m-" + n));
        }
    }

    @Test
    void tellsApartMembersWithTheSameHash() {
        MemberSet set = new MemberSet();
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());

        assertThat(set.add("Aa")).isTrue();
        assertThat(set.contains("BB")).isFalse();
        assertThat(set.add("BB")).isTrue();
        assertThat(set.add("Aa")).isFalse();
        assertThat(set.contains("BB")).isTrue();
        assertThat(set.size()).isEqualTo(2);
    }
}
