package io.smmpulse.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.schema.AlertStatus;
import io.smmpulse.schema.SlaAlert;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A dispatcher decodes alerts and never an event, in a JVM of its own: a 17-byte record whose
 * alert_id claims about 2 GiB must be refused there, not allocated. Run in a fresh JVM with a
 * small heap, where nothing else has set Avro's read limits.
 */
class AlertCodecLimitsTest {
    /** The current alert schema's header, then alert_id's length field claiming 2^30 bytes. */
    static byte[] lyingRecord() {
        byte[] valid = AlertCodec.encode(SlaAlert.newBuilder()
                .setAlertId("a")
                .setStatus(AlertStatus.FIRING)
                .setQuestionId("q")
                .setCommunityId("c")
                .setPlatform("x")
                .setChannel("PUBLIC")
                .setPriority("NORMAL")
                .setAskedAt(Instant.EPOCH)
                .setDeadlineAt(Instant.EPOCH)
                .setDecidedAt(Instant.EPOCH)
                .build());
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(valid, 0, 10);
        long zigZag = (1L << 30) << 1;
        while ((zigZag & ~0x7FL) != 0) {
            record.write((int) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        record.write((int) zigZag);
        record.writeBytes("ab".getBytes(StandardCharsets.UTF_8));
        return record.toByteArray();
    }

    /** Decodes {@link #lyingRecord()} with AlertCodec alone and prints what happened. */
    public static void main(String[] args) {
        byte[] record = lyingRecord();
        try {
            AlertCodec.decode(record);
            System.out.println("decoded");
        } catch (java.io.IOException e) {
            System.out.println("refused " + record.length + " bytes: " + e.getMessage());
        }
    }

    @Test
    void aRecordThatClaimsGigabytesIsRefusedInAJvmThatDecodesOnlyAlerts() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(
                        java,
                        "-Xmx96m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        AlertCodecLimitsTest.class.getName()))
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output)
                .as("exit %d", process.exitValue())
                .contains("refused " + lyingRecord().length
                        + " bytes: the alert record declares a value longer than the record limit");
        assertThat(process.exitValue()).isZero();
    }
}
