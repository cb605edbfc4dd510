package io.smmpulse.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smmpulse.schema.SocialEvent;
import org.apache.avro.Schema;

/** The JSON Lines form of an event (docs/events.md), as {@code replay} and {@code publish} read it. */
public final class JsonEventWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonEventWriter() {}

    public static String toJson(SocialEvent event) {
        ObjectNode node = JSON.createObjectNode();
        for (Schema.Field field : SocialEvent.getClassSchema().getFields()) {
            Object value = event.get(field.pos());
            if (value == null) {
                continue;
            }
            if (field.name().equals("occurred_at")) {
                node.put(field.name(), event.getOccurredAt().toString());
            } else if (value instanceof Boolean b) {
                node.put(field.name(), b);
            } else {
                node.put(field.name(), value.toString());
            }
        }
        return node.toString();
    }
}
