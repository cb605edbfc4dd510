package io.smmpulse.core.event;

import java.io.IOException;
import org.apache.avro.Schema;

/** The writer schemas of records in a schema registry's wire format, by their id (docs/events.md). */
public interface WriterSchemas {
    /**
     * The Avro schema registered under {@code id}, or null when the registry has no such id.
     *
     * @throws UnusableSchemaException the id names a schema that is not an Avro schema
     * @throws IOException the registry cannot be asked now (unreachable, failing): the record waits
     */
    Schema byId(int id) throws IOException;

    /** An id whose schema cannot be a writer schema of events; the record is rejected with this reason. */
    final class UnusableSchemaException extends RuntimeException {
        public UnusableSchemaException(String reason) {
            super(reason);
        }
    }
}
