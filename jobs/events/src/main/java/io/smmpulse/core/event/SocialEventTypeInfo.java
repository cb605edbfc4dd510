package io.smmpulse.core.event;

import io.smmpulse.schema.SocialEvent;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of event streams that cross the network ({@link SocialEventSerializer}). Given to a
 * stream with {@code returns(...)}; state descriptors name {@code SocialEvent.class} and keep Avro.
 */
public final class SocialEventTypeInfo extends TypeInformation<SocialEvent> {
    public static final SocialEventTypeInfo INSTANCE = new SocialEventTypeInfo();

    private static final long serialVersionUID = 1L;

    private SocialEventTypeInfo() {}

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
    public Class<SocialEvent> getTypeClass() {
        return SocialEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<SocialEvent> createSerializer(SerializerConfig config) {
        return SocialEventSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "SocialEvent (in flight)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SocialEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return SocialEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof SocialEventTypeInfo;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
