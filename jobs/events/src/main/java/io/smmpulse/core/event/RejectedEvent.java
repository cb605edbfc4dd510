package io.smmpulse.core.event;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
     * Of a payload longer than this only its head is kept, with its length and SHA-256 digest in the
     * reason; the record itself stays in its source (a file's line, a topic's offset). The bound keeps
     * a dead letter far below Kafka's default request limit of 1 MiB, which a rejected record of
     * nearly that size would otherwise exceed together with its key and headers.
     */
    public static final int MAX_KEPT_PAYLOAD_BYTES = 64 * 1024;

    public RejectedEvent() {}

    public static RejectedEvent of(String rejectionId, String source, byte[] payload, String reason, long receivedAt) {
        RejectedEvent rejected = new RejectedEvent();
        rejected.rejectionId = rejectionId;
        rejected.source = source;
        rejected.reason = reason;
        byte[] raw = payload;
        if (payload.length > MAX_KEPT_PAYLOAD_BYTES) {
            raw = java.util.Arrays.copyOf(payload, MAX_KEPT_PAYLOAD_BYTES);
            rejected.reason = reason + " (payload kept: the first " + MAX_KEPT_PAYLOAD_BYTES + " of " + payload.length
                    + " bytes, sha256 " + sha256(payload) + ")";
        }
        rejected.receivedAt = receivedAt;
        try {
            rejected.payload = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
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

    private static String sha256(byte[] payload) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return rejectionId + ": " + reason;
    }
}
