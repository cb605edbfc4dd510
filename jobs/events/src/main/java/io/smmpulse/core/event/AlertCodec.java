package io.smmpulse.core.event;

import io.smmpulse.schema.SlaAlert;
import java.io.IOException;
import org.apache.avro.message.BinaryMessageDecoder;

/** Alert records on the alert topic: Avro single-object encoding, every published writer version readable. */
public final class AlertCodec {
    private static final BinaryMessageDecoder<SlaAlert> DECODER = SlaAlert.createDecoder(null);

    static {
        // a dispatcher decodes alerts without ever decoding an event: the read limits must hold here too
        AvroLimits.apply(EventCodec.MAX_RECORD_BYTES);
        SchemaHistory.slaAlert().forEach(DECODER::addSchema);
    }

    private AlertCodec() {}

    public static byte[] encode(SlaAlert alert) {
        return EventCodec.singleObject(SlaAlert.getEncoder(), alert);
    }

    /**
     * A transition of an alert about a community rather than a question (a risk spike, a goal off track): the question
     * fields empty, asked_at and deadline_at the instant it began, as version 1 readers expect them set.
     */
    public static SlaAlert.Builder aboutCommunity(
            String alertId,
            String alertName,
            io.smmpulse.schema.AlertStatus status,
            String community,
            java.time.Instant startsAt,
            java.time.Instant endsAt,
            java.time.Instant decidedAt) {
        return SlaAlert.newBuilder()
                .setAlertId(alertId)
                .setAlertName(alertName)
                .setStatus(status)
                .setQuestionId("")
                .setCommunityId(community)
                .setPlatform("")
                .setChannel("")
                .setPriority("")
                .setAskedAt(startsAt)
                .setDeadlineAt(startsAt)
                .setStartsAt(startsAt)
                .setEndsAt(endsAt)
                .setDecidedAt(decidedAt);
    }

    /**
     * The alert a transition belongs to: its alert_id without the status. Both transitions of one
     * alert carry it as their Kafka key, so they stay in order on one partition.
     */
    public static String identity(SlaAlert alert) {
        String id = alert.getAlertId();
        int slash = id.lastIndexOf('/');
        return slash < 0 ? id : id.substring(0, slash);
    }

    /** @throws IOException also for a record over the record limit or one that declares a longer value */
    public static SlaAlert decode(byte[] bytes) throws IOException {
        if (bytes != null && bytes.length > EventCodec.MAX_RECORD_BYTES) {
            throw new IOException("alert record of " + bytes.length + " bytes is over the limit of "
                    + EventCodec.MAX_RECORD_BYTES + " bytes");
        }
        try {
            return DECODER.decode(bytes);
        } catch (org.apache.avro.SystemLimitException e) {
            throw new IOException(
                    "the alert record declares a value longer than the record limit: " + e.getMessage(), e);
        }
    }
}
