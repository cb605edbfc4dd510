package io.smmpulse.goals;

/**
 * One change to a community's goal ledger, made from an event, a question's row or a case's row before it crosses the
 * network ({@link GoalLedger#changesOf}): a key and a thing, not the whole event. With {@code earliestOnly} it only
 * tells the community's earliest time. Crosses the network with {@link GoalInputSerializer}.
 */
public class GoalInput {
    /** How the thing is kept under its key. */
    public enum Rule {
        /** In place of what is there. */
        PUT,
        /** In place of what is there, only if something is (a spam revision of a kept item). */
        IF_KEPT,
        /** Unless a thing at the same time or earlier is there. */
        EARLIEST,
        /** Takes away what is there if it has the thing's time (a withdrawn resolution). */
        WITHDRAW
    }

    public String community;
    /** The instant of what made the change (the event, the question asked, the case resolved). */
    public long time;

    public boolean earliestOnly;
    public String key;
    public GoalItem item;
    public Rule rule;

    public GoalInput() {}

    static GoalInput of(String community, String key, GoalItem item, Rule rule) {
        GoalInput input = new GoalInput();
        input.community = community;
        input.time = item.time;
        input.key = key;
        input.item = item;
        input.rule = rule;
        return input;
    }

    static GoalInput earliest(String community, long time) {
        GoalInput input = new GoalInput();
        input.community = community;
        input.time = time;
        input.earliestOnly = true;
        return input;
    }

    public String community() {
        return community;
    }

    long time() {
        return time;
    }
}
