package io.smmpulse.core.event;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of a JSON Lines input without ever holding more than a bounded number of characters:
 * a line longer than {@link JsonEventReader#MAX_LINE_CHARS} comes back cut to one character over the
 * limit (so that {@link JsonEventReader} rejects it with that reason), and the rest of it is skipped.
 * A single huge line (a file that is not JSON Lines, a binary) cannot run the reader out of memory.
 */
public final class BoundedLineReader implements Closeable {
    private final Reader in;
    private final int limit;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int end;

    public BoundedLineReader(Reader in) {
        this(in, JsonEventReader.MAX_LINE_CHARS + 1);
    }

    BoundedLineReader(Reader in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** The next line without its line end (\n or \r\n), at most the limit's characters; null at the end. */
    public String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (position == end) {
                end = in.read(buffer, 0, buffer.length);
                position = 0;
                if (end <= 0) {
                    end = 0;
                    return line == null ? null : stripCarriageReturn(line);
                }
            }
            if (line == null) {
                line = new StringBuilder();
            }
            int start = position;
            while (position < end && buffer[position] != '\n') {
                position++;
            }
            int room = limit - line.length();
            line.append(buffer, start, Math.min(position - start, Math.max(room, 0)));
            if (position < end) {
                position++;
                return stripCarriageReturn(line);
            }
        }
    }

    private static String stripCarriageReturn(StringBuilder line) {
        int length = line.length();
        return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
