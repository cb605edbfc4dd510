package io.smmpulse.community;

/** An event on a brand post, as the post's results count it. Flink POJO. */
public class PostAction {
    public long time;
    public String type;
    public String actor;
    public String linkTarget;
    /** A member's comment in the post's thread (a THREAD conversion when not spam). */
    public boolean threadComment;
    /** +1; -1 takes back a thread comment that turned out to be spam. */
    public int sign;

    public PostAction() {}
}
