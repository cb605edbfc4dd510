package io.smmpulse.pipeline;

/** One line of an input file and where it stands. Flink POJO. */
public class NumberedLine {
    public long number;
    public String text;

    public NumberedLine() {}

    public NumberedLine(long number, String text) {
        this.number = number;
        this.text = text;
    }
}
