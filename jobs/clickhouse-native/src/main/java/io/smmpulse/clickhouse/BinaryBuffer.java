package io.smmpulse.clickhouse;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes for ClickHouse binary formats (little-endian), kept in chunks: a column grows without
 * copying what it holds, small columns (a quiet table) stay small.
 */
public final class BinaryBuffer {
    static final int CHUNK_BYTES = 1 << 20;

    private final List<byte[]> fullChunks = new ArrayList<>();
    private byte[] chunk = new byte[4096];
    private int position;

    private void ensure(int bytes) {
        if (position + bytes <= chunk.length) {
            return;
        }
        if (chunk.length < CHUNK_BYTES) {
            // small buffers (a quiet table) stay small; busy ones move to full-size chunks
            byte[] larger = new byte[Math.min(CHUNK_BYTES, Math.max(chunk.length * 4, position + bytes))];
            System.arraycopy(chunk, 0, larger, 0, position);
            chunk = larger;
            if (position + bytes <= chunk.length) {
                return;
            }
        }
        fullChunks.add(position == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, position));
        chunk = new byte[Math.max(CHUNK_BYTES, bytes)];
        position = 0;
    }

    public void writeByte(int value) {
        ensure(1);
        chunk[position++] = (byte) value;
    }

    public void writeShort(int value) {
        ensure(2);
        chunk[position++] = (byte) value;
        chunk[position++] = (byte) (value >>> 8);
    }

    public void writeInt(int value) {
        ensure(4);
        for (int shift = 0; shift < 32; shift += 8) {
            chunk[position++] = (byte) (value >>> shift);
        }
    }

    public void writeLong(long value) {
        ensure(8);
        for (int shift = 0; shift < 64; shift += 8) {
            chunk[position++] = (byte) (value >>> shift);
        }
    }

    public void writeVarInt(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            chunk[position++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        chunk[position++] = (byte) value;
    }

    /** A ClickHouse binary String: its UTF-8 length as a varint, then the bytes. */
    public void writeString(String value) {
        // for ASCII text getBytes is one vectorized check and copy, faster than encoding char by char
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        writeVarInt(bytes.length);
        write(bytes, 0, bytes.length);
    }

    private void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            ensure(Math.min(length, CHUNK_BYTES));
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(bytes, offset, chunk, position, n);
            position += n;
            offset += n;
            length -= n;
        }
    }

    public void writeTo(OutputStream out) throws IOException {
        for (byte[] full : fullChunks) {
            out.write(full);
        }
        out.write(chunk, 0, position);
    }
}
