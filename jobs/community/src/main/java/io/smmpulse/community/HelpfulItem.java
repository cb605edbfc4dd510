package io.smmpulse.community;

/** What a UGC item keeps to judge helpful reactions at any later time: its author and week, its verdict. Flink POJO. */
public class HelpfulItem {
    public String author;
    public String[] week;
    public long weekClose;
    public boolean spam;
    public boolean reactedByOther;
    /** Whether the item is counted as helpful in its week now. */
    public boolean counted;

    public HelpfulItem() {}
}
