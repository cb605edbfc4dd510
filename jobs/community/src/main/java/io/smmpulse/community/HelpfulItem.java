package io.smmpulse.community;

/** What a UGC item keeps to judge helpful reactions within its window: its author, time and week, its verdict. Flink POJO. */
public class HelpfulItem {
    public String author;
    /** Its occurred_at; 0 in state restored from a release that did not keep it. */
    public long time;
    /** The end of its helpful window: reactions at or after it do not count. */
    public long windowEnd;

    public String[] week;
    public long weekClose;
    public boolean spam;
    public boolean reactedByOther;
    /** Whether the item is counted as helpful in its week now. */
    public boolean counted;

    public HelpfulItem() {}
}
