package io.smmpulse.core.event;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the lines of a JSON Lines input as UTF-8 without ever holding more than a bounded number
 * of bytes: a line longer than the limit comes back cut to just over it (so that
 * {@link JsonEventReader} rejects it for its length) and the rest of it is skipped, so a single
 * huge line (a file that is not JSON Lines, a binary) cannot run the reader out of memory. A line
 * whose bytes are not UTF-8 comes back as those bytes, for a rejection that keeps them, and the
 * lines after it are read as usual.
 */
public final class BoundedLineReader implements Closeable {
    /** Up to 4 bytes per character: a line cut at this many bytes still has more characters than the limit. */
    private static final int BYTES_PER_CHARACTER = 4;

    /** A line: its text, or, when it is not UTF-8, its bytes and the offset of the first bad one. */
    public record Line(String text, byte[] undecodable, int malformedAt) {
        public boolean isBlank() {
            return text != null && text.isBlank();
        }
    }

    private final InputStream in;
    private final int limitBytes;
    private final byte[] buffer = new byte[1 << 16];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int position;
    private int end;

    public BoundedLineReader(InputStream in) {
        this(in, BYTES_PER_CHARACTER * (JsonEventReader.MAX_LINE_CHARS + 1));
    }

    BoundedLineReader(InputStream in, int limitBytes) {
        this.in = in;
        this.limitBytes = limitBytes;
    }

    /** The next line without its line end (\n or \r\n); null at the end of the input. */
    public Line next() throws IOException {
        line.reset();
        boolean any = false;
        boolean cut = false;
        while (true) {
            if (position == end) {
                end = in.read(buffer, 0, buffer.length);
                position = 0;
                if (end <= 0) {
                    end = 0;
                    return any ? decode(cut) : null;
                }
            }
            any = true;
            int start = position;
            while (position < end && buffer[position] != '\n') {
                position++;
            }
            int room = limitBytes - line.size();
            int take = Math.min(position - start, Math.max(room, 0));
            line.write(buffer, start, take);
            cut |= take < position - start;
            if (position < end) {
                position++;
                return decode(cut);
            }
        }
    }

    private Line decode(boolean cut) {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' && !cut ? bytes.length - 1 : bytes.length;
        if (cut) {
            // cut inside a character, perhaps: the text only has to be long enough to be rejected
            return new Line(new String(bytes, 0, length, StandardCharsets.UTF_8), null, -1);
        }
        ByteBuffer input = ByteBuffer.wrap(bytes, 0, length);
        CharBuffer text = CharBuffer.allocate(length); // UTF-8 never has more characters than bytes
        decoder.reset();
        CoderResult result = decoder.decode(input, text, true);
        if (!result.isError()) {
            result = decoder.flush(text);
        }
        if (result.isError()) {
            return new Line(null, Arrays.copyOf(bytes, length), input.position());
        }
        return new Line(text.flip().toString(), null, -1);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
