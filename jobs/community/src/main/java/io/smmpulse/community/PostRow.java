package io.smmpulse.community;

/** docs/kpis.md, kpi_content_posts: one brand post's results. Flink POJO. */
public class PostRow {
    public String communityId;
    public String postId;
    public long publishedAt;
    public String nextStep;
    public long weekStart;
    /** The local month of publication (epoch day of its first day): goals count converters by it. */
    public long monthStart;

    public long views;
    public long uniqueViewers;
    public long saves;
    public long shares;
    public long faqClicks;
    public long guideClicks;
    public long viewers7d;
    public long converters7d;

    public PostRow() {}

    @Override
    public String toString() {
        return communityId + "/" + postId + " views " + views + " unique " + uniqueViewers + " viewers_7d " + viewers7d
                + " converters_7d " + converters7d;
    }
}
