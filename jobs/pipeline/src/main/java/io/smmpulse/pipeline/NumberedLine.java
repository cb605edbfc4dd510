package io.smmpulse.pipeline;

import io.smmpulse.core.event.BoundedLineReader;

/** One line of an input file and where it stands: its text, or its bytes when they are not UTF-8. Flink POJO. */
public class NumberedLine {
    public long number;
    public String text;
    public byte[] undecodable;
    public int malformedAt;

    public NumberedLine() {}

    public NumberedLine(long number, BoundedLineReader.Line line) {
        this.number = number;
        this.text = line.text();
        this.undecodable = line.undecodable();
        this.malformedAt = line.malformedAt();
    }

    public BoundedLineReader.Line line() {
        return new BoundedLineReader.Line(text, undecodable, malformedAt);
    }
}
