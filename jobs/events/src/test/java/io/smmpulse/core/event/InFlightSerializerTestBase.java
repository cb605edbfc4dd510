package io.smmpulse.core.event;

import java.util.function.BiPredicate;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/**
 * Flink's own checks of a serializer of the job's records in flight (copies, snapshots, duplicates, concurrent use):
 * a subclass gives the serializer, the records' class and its test records.
 */
public abstract class InFlightSerializerTestBase<T> extends SerializerTestBase<T> {
    private final TypeSerializer<T> serializer;
    private final Class<T> type;

    /** For a record with an equals of its own. */
    protected InFlightSerializerTestBase(TypeSerializer<T> serializer, Class<T> type) {
        this.serializer = serializer;
        this.type = type;
    }

    /** For a record without an equals of its own: {@code same} says whether two are equal. */
    protected InFlightSerializerTestBase(TypeSerializer<T> serializer, Class<T> type, BiPredicate<T, T> same) {
        super(new DeeplyEqualsChecker()
                .withCustomCheck(
                        (should, is) -> type.isInstance(should) && type.isInstance(is),
                        (should, is, checker) -> same.test(type.cast(should), type.cast(is))));
        this.serializer = serializer;
        this.type = type;
    }

    @Override
    protected final TypeSerializer<T> createSerializer() {
        return serializer;
    }

    @Override
    protected final int getLength() {
        return -1;
    }

    @Override
    protected final Class<T> getTypeClass() {
        return type;
    }
}
