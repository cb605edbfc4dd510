package io.smmpulse.core.event;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of a stream whose records cross the network with a serializer of the project's own
 * (events: {@link SocialEventSerializer}; classified events, group deltas, content events, goal
 * inputs and risk hits have theirs beside their classes, most of them an {@link InFlightSerializer}).
 * Given to a stream with {@code returns(...)} or as an operator's output type; state descriptors
 * name their classes and keep the serializers Flink picks for them.
 */
public final class InFlightType<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final TypeSerializer<T> serializer;

    public InFlightType(Class<T> type, TypeSerializer<T> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer.duplicate();
    }

    @Override
    public String toString() {
        return type.getSimpleName() + " (in flight)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InFlightType<?> that && type.equals(that.type) && serializer.equals(that.serializer);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof InFlightType<?>;
    }
}
