package io.smmpulse.core;

import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.Channel;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.Priority;
import io.smmpulse.schema.SocialEvent;
import java.time.Instant;

/** Hand-made events for tests: short builders for the shapes the KPIs care about. */
public final class TestEvents {
    private TestEvents() {}

    /**
     * An event of {@code type} as a record of any writer schema of events: every field with a
     * default at its default, the required ones set (e1 by member u1 of acme on x, about {@code contentId}).
     */
    public static org.apache.avro.generic.GenericRecord genericEvent(
            org.apache.avro.Schema writer, String type, String contentId) {
        org.apache.avro.generic.GenericRecord record = new org.apache.avro.generic.GenericData.Record(writer);
        for (org.apache.avro.Schema.Field field : writer.getFields()) {
            if (field.hasDefaultValue()) {
                record.put(
                        field.name(), org.apache.avro.generic.GenericData.get().getDefaultValue(field));
            }
        }
        record.put("event_id", "e1");
        record.put(
                "event_type",
                new org.apache.avro.generic.GenericData.EnumSymbol(
                        writer.getField("event_type").schema(), type));
        record.put("occurred_at", Instant.parse("2026-03-02T09:00:00Z").toEpochMilli());
        record.put("platform", "x");
        record.put("community_id", "acme");
        record.put("actor_id", "u1");
        record.put(
                "actor_role",
                new org.apache.avro.generic.GenericData.EnumSymbol(
                        writer.getField("actor_role").schema(), "MEMBER"));
        record.put("content_id", contentId);
        return record;
    }

    /** The event as a producer still on schema version {@code version} would write it (fields that version lacks dropped). */
    /** The event in a schema registry's wire format, written with schema {@code version} registered as {@code schemaId}. */
    public static byte[] inRegistryFormat(int schemaId, int version, SocialEvent event) {
        byte[] singleObject = encodedWithSchemaVersion(version, event);
        // single-object encoding: C3 01, the 8-byte fingerprint, then the same Avro binary
        return io.smmpulse.core.event.EventCodec.registryFormat(
                schemaId, java.util.Arrays.copyOfRange(singleObject, 10, singleObject.length));
    }

    public static byte[] encodedWithSchemaVersion(int version, SocialEvent event) {
        org.apache.avro.Schema schema =
                io.smmpulse.core.event.SchemaHistory.socialEvent().get(version - 1);
        org.apache.avro.generic.GenericRecord record = new org.apache.avro.generic.GenericData.Record(schema);
        for (org.apache.avro.Schema.Field field : schema.getFields()) {
            Object value = event.get(field.name());
            if (value instanceof Instant instant) {
                value = instant.toEpochMilli();
            } else if (value instanceof Enum<?> symbol) {
                org.apache.avro.Schema enumSchema = field.schema().getType() == org.apache.avro.Schema.Type.UNION
                        ? field.schema().getTypes().get(1)
                        : field.schema();
                value = new org.apache.avro.generic.GenericData.EnumSymbol(enumSchema, symbol.name());
            }
            record.put(field.name(), value);
        }
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            new org.apache.avro.message.BinaryMessageEncoder<org.apache.avro.generic.GenericRecord>(
                            org.apache.avro.generic.GenericData.get(), schema)
                    .encode(record, out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    public static SocialEvent.Builder event(
            String id,
            EventType type,
            String occurredAt,
            String community,
            String platform,
            String actor,
            ActorRole role) {
        return SocialEvent.newBuilder()
                .setEventId(id)
                .setEventType(type)
                .setOccurredAt(Instant.parse(occurredAt))
                .setPlatform(platform)
                .setCommunityId(community)
                .setActorId(actor)
                .setActorRole(role);
    }

    public static SocialEvent question(
            String id,
            String contentId,
            String occurredAt,
            String community,
            String platform,
            Channel channel,
            Priority priority) {
        return event(id, EventType.POST, occurredAt, community, platform, "member-1", ActorRole.MEMBER)
                .setContentId(contentId)
                .setThreadId(contentId)
                .setIsQuestion(true)
                .setChannel(channel)
                .setPriority(priority)
                .build();
    }

    public static SocialEvent reply(
            String id, String questionId, String occurredAt, String community, String platform, ActorRole role) {
        return event(
                        id,
                        EventType.COMMENT,
                        occurredAt,
                        community,
                        platform,
                        role.name().toLowerCase() + "-1",
                        role)
                .setContentId("r-" + id)
                .setParentId(questionId)
                .setThreadId(questionId)
                .build();
    }

    /** Every field set, each to a value drawn on its own. */
    public static SocialEvent everyFieldDrawn(java.util.Random random) {
        return SocialEvent.newBuilder()
                .setEventId("e" + random.nextInt(1_000_000))
                .setEventType(pick(io.smmpulse.schema.EventType.values(), random))
                .setOccurredAt(java.time.Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(1_000_000_000)))
                .setPlatform("p" + random.nextInt(5))
                .setCommunityId("c" + random.nextInt(5))
                .setActorId("a" + random.nextInt(1000))
                .setActorRole(pick(io.smmpulse.schema.ActorRole.values(), random))
                .setContentId("content" + random.nextInt(1000))
                .setParentId("parent" + random.nextInt(1000))
                .setThreadId("thread" + random.nextInt(1000))
                .setChannel(pick(io.smmpulse.schema.Channel.values(), random))
                .setIsQuestion(random.nextBoolean())
                .setPriority(pick(io.smmpulse.schema.Priority.values(), random))
                .setNextStep(pick(io.smmpulse.schema.NextStep.values(), random))
                .setReaction("r" + random.nextInt(10))
                .setLinkTarget(pick(io.smmpulse.schema.LinkTarget.values(), random))
                .setUtmSource("s" + random.nextInt(10))
                .setUtmMedium("m" + random.nextInt(10))
                .setUtmCampaign("camp" + random.nextInt(10))
                .setUtmContent("uc" + random.nextInt(10))
                .setCaseId("case" + random.nextInt(10))
                .setProposalId("prop" + random.nextInt(10))
                .setText("text " + random.nextInt(10))
                .setSentiment(pick(io.smmpulse.schema.Sentiment.values(), random))
                .build();
    }

    /** Only the required fields set; every nullable one null. */
    public static SocialEvent requiredFieldsOnly() {
        return SocialEvent.newBuilder()
                .setEventId("e1")
                .setEventType(EventType.VIEW)
                .setOccurredAt(java.time.Instant.ofEpochMilli(0))
                .setPlatform("x")
                .setCommunityId("acme")
                .setActorId("u1")
                .setActorRole(ActorRole.MEMBER)
                .build();
    }

    private static <E> E pick(E[] values, java.util.Random random) {
        return values[random.nextInt(values.length)];
    }
}
