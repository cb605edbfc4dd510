package io.smmpulse.goals;

/**
 * What the goal alerts keep of one counted thing, enough to tell whether it counted at a past hour: a question, a
 * resolved case, a UGC item, a helpful reaction, a member's activity on a day, a follow, a link click, an implemented
 * proposal, a brand post, a conversion. Flink POJO.
 */
public class GoalItem {
    public static final String QUESTION = "q",
            CASE = "c",
            UGC = "u",
            HELPFUL = "r",
            ACTIVE = "a",
            FOLLOW = "f",
            CLICK = "l",
            PROPOSAL = "p",
            POST = "b",
            CONVERSION = "v";

    public String kind;
    /** The instant that places it in a period (asked, resolved, written, published, occurred). */
    public long time;
    /** The member (author, reactor, actor) where one counts. */
    public String member;
    /** The item reacted to, the post converted on or commented in, the proposal, a post's next step. */
    public String ref;

    /** A conversion's event type, or a brand post's next step. */
    public String step;
    /** A conversion's link target. */
    public String linkTarget;
    /** A UGC comment's thread (its root post). */
    public String thread;

    public Long deadline;
    public Long responded;
    /** Escalated (a case), negative (a UGC item), a comment (a UGC item). */
    public boolean flag;

    public boolean comment;
    public boolean spam;
    /** +1 or -1 (a follow). */
    public int sign;

    public GoalItem() {}

    static GoalItem of(String kind, long time) {
        GoalItem item = new GoalItem();
        item.kind = kind;
        item.time = time;
        return item;
    }
}
