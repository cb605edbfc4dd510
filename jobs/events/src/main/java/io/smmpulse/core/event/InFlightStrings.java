package io.smmpulse.core.event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Strings of records in flight: Flink's own string format writes a string char by char, where ids
 * and names, nearly all ASCII, copy as bytes. Nullable.
 */
public final class InFlightStrings {
    private InFlightStrings() {}

    /** Length + 1 as a variable-length int (0 for null), then UTF-8: ids are ASCII, copied as bytes. */
    public static void write(String value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeByte(0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int length = bytes.length + 1;
        while (length >= 0x80) {
            out.writeByte(length | 0x80);
            length >>>= 7;
        }
        out.writeByte(length);
        out.write(bytes);
    }

    /**
     * As {@link #read}, one instance per distinct value ({@code SharedStrings}): for the few values many records
     * carry (platforms, communities), looked up by value downstream.
     */
    public static String readShared(DataInputView in) throws IOException {
        return SharedStrings.of(read(in));
    }

    public static String read(DataInputView in) throws IOException {
        int length = 0;
        int shift = 0;
        int b;
        do {
            b = in.readUnsignedByte();
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while (b >= 0x80);
        if (length == 0) {
            return null;
        }
        byte[] bytes = new byte[length - 1];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
