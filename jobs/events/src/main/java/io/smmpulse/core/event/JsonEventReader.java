package io.smmpulse.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.Channel;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.LinkTarget;
import io.smmpulse.schema.NextStep;
import io.smmpulse.schema.Priority;
import io.smmpulse.schema.Sentiment;
import io.smmpulse.schema.SocialEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads the JSON Lines form of the event contract (docs/events.md). Every rule of the spec is
 * checked here or in {@link EventRules}; a bad line becomes a {@link RejectedEvent} whose reason
 * names the field and what is wrong with it.
 */
public final class JsonEventReader {
    /** A line holds one event; the Avro record limit in characters. */
    public static final int MAX_LINE_CHARS = EventCodec.MAX_RECORD_BYTES;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Thrown inside parsing only; turned into a rejection. */
    private static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private JsonEventReader() {}

    /** A line of a file: its event, or its rejection (bytes that are not UTF-8 are kept as they are). */
    public static Envelope read(BoundedLineReader.Line line, String rejectionId, String source, long wallClockMillis) {
        if (line.text() != null) {
            return read(line.text(), rejectionId, source, wallClockMillis);
        }
        return Envelope.rejected(RejectedEvent.of(
                rejectionId,
                source,
                line.undecodable(),
                "line is not UTF-8: a malformed byte sequence at byte " + line.malformedAt() + " of the line",
                wallClockMillis));
    }

    public static Envelope read(String line, String rejectionId, String source, long wallClockMillis) {
        if (line.length() > MAX_LINE_CHARS) {
            return Envelope.rejected(RejectedEvent.of(
                    rejectionId,
                    source,
                    line.getBytes(StandardCharsets.UTF_8),
                    "line of more than " + MAX_LINE_CHARS + " characters is over the limit",
                    wallClockMillis));
        }
        try {
            SocialEvent event = parse(line);
            String problem = EventRules.check(event, wallClockMillis);
            if (problem != null) {
                throw new Invalid(problem);
            }
            return Envelope.accepted(event);
        } catch (Invalid e) {
            return Envelope.rejected(RejectedEvent.of(
                    rejectionId, source, line.getBytes(StandardCharsets.UTF_8), e.getMessage(), wallClockMillis));
        }
    }

    private static SocialEvent parse(String line) throws Invalid {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new Invalid("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Invalid("a line must hold one JSON object");
        }
        SocialEvent.Builder b = SocialEvent.newBuilder()
                .setEventId(requiredString(root, "event_id"))
                .setEventType(requiredSymbol(root, "event_type", EventType.class))
                .setOccurredAt(instant(root))
                .setPlatform(requiredString(root, "platform"))
                .setCommunityId(requiredString(root, "community_id"))
                .setActorId(requiredString(root, "actor_id"))
                .setActorRole(requiredSymbol(root, "actor_role", ActorRole.class))
                .setContentId(optionalString(root, "content_id"))
                .setParentId(optionalString(root, "parent_id"))
                .setThreadId(optionalString(root, "thread_id"))
                .setReaction(optionalString(root, "reaction"))
                .setUtmSource(optionalString(root, "utm_source"))
                .setUtmMedium(optionalString(root, "utm_medium"))
                .setUtmCampaign(optionalString(root, "utm_campaign"))
                .setUtmContent(optionalString(root, "utm_content"))
                .setCaseId(optionalString(root, "case_id"))
                .setProposalId(optionalString(root, "proposal_id"))
                .setText(optionalString(root, "text"))
                .setNextStep(optionalSymbol(root, "next_step", NextStep.class))
                .setLinkTarget(optionalSymbol(root, "link_target", LinkTarget.class))
                .setSentiment(optionalSymbol(root, "sentiment", Sentiment.class));
        Channel channel = optionalSymbol(root, "channel", Channel.class);
        b.setChannel(channel != null ? channel : Channel.PUBLIC);
        Priority priority = optionalSymbol(root, "priority", Priority.class);
        b.setPriority(priority != null ? priority : Priority.NORMAL);
        JsonNode question = root.get("is_question");
        if (question != null && !question.isNull() && !question.isBoolean()) {
            throw new Invalid("is_question must be true or false, got " + question);
        }
        b.setIsQuestion(question != null && question.asBoolean(false));
        return b.build();
    }

    private static String requiredString(JsonNode root, String field) throws Invalid {
        JsonNode node = root.get(field);
        if (node == null) {
            throw new Invalid("missing required field " + field);
        }
        if (node.isNull()) {
            throw new Invalid("required field " + field + " is null");
        }
        if (!node.isTextual()) {
            throw new Invalid(field + " must be a string, got " + node);
        }
        return node.asText();
    }

    private static String optionalString(JsonNode root, String field) throws Invalid {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Invalid(field + " must be a string or null, got " + node);
        }
        return node.asText();
    }

    private static <E extends Enum<E>> E requiredSymbol(JsonNode root, String field, Class<E> type) throws Invalid {
        E value = optionalSymbol(root, field, type);
        if (value == null) {
            throw new Invalid(
                    root.has(field) ? "required field " + field + " is null" : "missing required field " + field);
        }
        return value;
    }

    private static <E extends Enum<E>> E optionalSymbol(JsonNode root, String field, Class<E> type) throws Invalid {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            for (E symbol : type.getEnumConstants()) {
                if (symbol.name().equals(node.asText())) {
                    return symbol;
                }
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        throw new Invalid(field + " " + node + " is not one of " + allowed);
    }

    private static Instant instant(JsonNode root) throws Invalid {
        JsonNode node = root.get("occurred_at");
        if (node == null) {
            throw new Invalid("missing required field occurred_at");
        }
        if (node.isNull()) {
            throw new Invalid("required field occurred_at is null");
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Instant.ofEpochMilli(node.asLong());
        }
        if (node.isTextual()) {
            try {
                return OffsetDateTime.parse(node.asText()).toInstant();
            } catch (DateTimeParseException e) {
                // fall through to the common message
            }
        }
        throw new Invalid("occurred_at " + node
                + " is neither an ISO-8601 instant such as \"2026-03-02T09:15:00Z\" nor epoch milliseconds");
    }
}
