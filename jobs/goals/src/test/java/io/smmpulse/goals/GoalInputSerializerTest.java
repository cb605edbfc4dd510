package io.smmpulse.goals;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.event.InFlightSerializerTestBase;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Objects;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Flink's own checks of a serializer over goal inputs of every rule, with and without an item, an item with every field
 * set (drawn by reflection, so a field added to the classes and not to the serializer fails here) and one with none.
 */
class GoalInputSerializerTest extends InFlightSerializerTestBase<GoalInput> {

    /** Neither class has an equals of its own: equal when every instance field is. */
    GoalInputSerializerTest() {
        super(GoalInputSerializer.INSTANCE, GoalInput.class, GoalInputSerializerTest::sameFields);
    }

    private static boolean sameFields(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        for (Field field : a.getClass().getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            try {
                Object x = field.get(a);
                Object y = field.get(b);
                boolean same = field.getType() == GoalItem.class ? sameFields(x, y) : Objects.equals(x, y);
                if (!same) {
                    return false;
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return true;
    }

    /** Every instance field of {@code target} set to a value of its own, distinct from the defaults. */
    private static <T> T everyFieldSet(T target, int seed) throws IllegalAccessException {
        for (Field field : target.getClass().getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            Class<?> type = field.getType();
            int n = seed * 31 + field.getName().hashCode();
            if (type == String.class) {
                field.set(target, field.getName() + "-" + n);
            } else if (type == long.class || type == Long.class) {
                field.set(target, 1_767_225_600_000L + n);
            } else if (type == int.class) {
                field.set(target, n);
            } else if (type == boolean.class) {
                field.set(target, true);
            } else if (type == GoalInput.Rule.class) {
                field.set(target, GoalInput.Rule.WITHDRAW);
            } else if (type == GoalItem.class) {
                field.set(target, everyFieldSet(new GoalItem(), seed + 1));
            } else {
                throw new AssertionError(
                        "no test value for " + field + ": draw one here and write it in the serializer");
            }
        }
        return target;
    }

    @Override
    protected GoalInput[] getTestData() {
        try {
            GoalItem question = GoalItem.of(GoalItem.QUESTION, 1_000L);
            question.member = "m-1";
            question.deadline = 61_000L;
            GoalItem answered = GoalItem.of(GoalItem.QUESTION, 2_000L);
            answered.responded = 5_000L;
            GoalItem follow = GoalItem.of(GoalItem.FOLLOW, -3L);
            follow.sign = -1;
            follow.member = "ünïcødé-🙂-" + "9".repeat(300);
            GoalItem spamComment = GoalItem.of(GoalItem.UGC, 4L);
            spamComment.comment = true;
            spamComment.spam = true;
            spamComment.thread = "p-1";
            return new GoalInput[] {
                GoalInput.of("acme", "q/q-1", question, GoalInput.Rule.PUT),
                GoalInput.of("acme", "q/q-2", answered, GoalInput.Rule.IF_KEPT),
                GoalInput.of("globex", "f/m-1", follow, GoalInput.Rule.EARLIEST),
                GoalInput.of("acme", "u/c-1", spamComment, GoalInput.Rule.WITHDRAW),
                GoalInput.earliest("acme", 1_767_225_600_000L),
                everyFieldSet(new GoalInput(), 7),
                new GoalInput()
            };
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyFieldOfAnInputAndItsItemComesBack() throws Exception {
        GoalInput sent = everyFieldSet(new GoalInput(), 3);
        DataOutputSerializer out = new DataOutputSerializer(256);
        GoalInputSerializer.INSTANCE.serialize(sent, out);
        GoalInput received = GoalInputSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(received.item).usingRecursiveComparison().isEqualTo(sent.item);
        assertThat(received).usingRecursiveComparison().isEqualTo(sent);
    }
}
