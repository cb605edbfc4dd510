package io.smmpulse.core.event;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A record that could not be accepted, kept with its raw payload and a reason a person can act on.
 * Public fields and a no-arg constructor make it a Flink POJO.
 */
public class RejectedEvent {
    /** Deterministic id of the record's place in its source (file and line, or topic, partition and offset). */
    public String rejectionId;
    public String source;
    public String reason;
    /** The raw payload: UTF-8 text as is, anything else in base64. */
    public String payload;
    public String payloadEncoding;
    public long receivedAt;

    /**
     * Of a payload over the record limit only its head is kept; the record itself stays in its
     * source (a file's line, a topic's offset).
     */
    public static final int MAX_KEPT_PAYLOAD_BYTES = 64 * 1024;

    public RejectedEvent() {}

    public static RejectedEvent of(String rejectionId, String source, byte[] payload, String reason, long receivedAt) {
        RejectedEvent rejected = new RejectedEvent();
        rejected.rejectionId = rejectionId;
        rejected.source = source;
        rejected.reason = reason;
        byte[] raw = payload;
        if (payload.length > EventCodec.MAX_RECORD_BYTES) {
            raw = java.util.Arrays.copyOf(payload, MAX_KEPT_PAYLOAD_BYTES);
            rejected.reason = reason + " (payload kept: the first " + MAX_KEPT_PAYLOAD_BYTES + " of " + payload.length + " bytes)";
        }
        rejected.receivedAt = receivedAt;
        try {
            rejected.payload = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
            rejected.payloadEncoding = rejected.payload.indexOf('\0') >= 0 ? null : "utf8";
        } catch (CharacterCodingException e) {
            rejected.payloadEncoding = null;
        }
        if (rejected.payloadEncoding == null) {
            rejected.payload = Base64.getEncoder().encodeToString(raw);
            rejected.payloadEncoding = "base64";
        }
        return rejected;
    }

    @Override
    public String toString() {
        return rejectionId + ": " + reason;
    }
}
