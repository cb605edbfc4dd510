package io.smmpulse.pipeline;

import io.smmpulse.core.event.BoundedLineReader;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Lines of a text file with their 1-based line numbers, so that a rejected line can be found
 * again. The file is read whole by one reader; on restore the source skips the lines already
 * read, which keeps the numbers right.
 */
public final class NumberedLineFormat extends SimpleStreamFormat<NumberedLine> {
    private static final long serialVersionUID = 1L;

    @Override
    public StreamFormat.Reader<NumberedLine> createReader(Configuration config, FSDataInputStream stream) {
        BoundedLineReader reader = new BoundedLineReader(stream);
        return new StreamFormat.Reader<>() {
            private long lineNumber;

            @Override
            public NumberedLine read() throws IOException {
                BoundedLineReader.Line line;
                do {
                    line = reader.next();
                    lineNumber++;
                } while (line != null && line.isBlank());
                return line == null ? null : new NumberedLine(lineNumber, line);
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    @Override
    public TypeInformation<NumberedLine> getProducedType() {
        return TypeInformation.of(NumberedLine.class);
    }
}
