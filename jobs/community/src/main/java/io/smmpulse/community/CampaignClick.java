package io.smmpulse.community;

/** A member's campaign click, kept while a conversion may still fall in its 7 days. Flink POJO. */
public class CampaignClick {
    public String[] group;
    public long groupClose;
    public long time;

    public CampaignClick() {}
}
