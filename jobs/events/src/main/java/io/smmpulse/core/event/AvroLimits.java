package io.smmpulse.core.event;

import java.lang.reflect.Method;
import org.apache.avro.SystemLimitException;

/**
 * Avro reads the length of a string, bytes or collection from the record and allocates it before
 * reading the data, up to about 2 GiB by default: one record whose length field lies would run
 * the task out of memory, fail it, and fail it again after every restart. Nothing in a valid event
 * is longer than the record it is in, so the limits are set to the record limit before any event
 * is decoded; a record over them is rejected with the reason. Avro reads these limits from system
 * properties once per JVM: an operator who set them keeps their values.
 */
final class AvroLimits {
    private static final int MAX_COLLECTION_ITEMS = 10_000;

    private AvroLimits() {}

    static void apply(int maxLength) {
        setIfAbsent(SystemLimitException.MAX_STRING_LENGTH_PROPERTY, maxLength);
        setIfAbsent(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, maxLength);
        setIfAbsent(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, MAX_COLLECTION_ITEMS);
        try {
            // the limits may have been read before (another user of Avro in this JVM): read them again
            Method reset = SystemLimitException.class.getDeclaredMethod("resetLimits");
            reset.setAccessible(true);
            reset.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // checked below
        }
        try {
            SystemLimitException.checkMaxStringLength(
                    (long) Integer.getInteger(SystemLimitException.MAX_STRING_LENGTH_PROPERTY) + 1);
        } catch (SystemLimitException expected) {
            return;
        }
        throw new IllegalStateException("Avro's read limits are not in force in this JVM: start it with -D"
                + SystemLimitException.MAX_STRING_LENGTH_PROPERTY + "=" + maxLength + " -D"
                + SystemLimitException.MAX_BYTES_LENGTH_PROPERTY
                + "=" + maxLength);
    }

    private static void setIfAbsent(String property, int value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, String.valueOf(value));
        }
    }
}
