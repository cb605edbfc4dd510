package io.smmpulse.core.spam;

import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.event.Roles;
import io.smmpulse.core.state.Keys;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Every KPI event once, with its spam verdict: members' POST/COMMENT items are classified, the rest pass as not spam. */
public final class SpamTopology {
    private SpamTopology() {}

    public static boolean isMemberItem(SocialEvent e) {
        return (e.getEventType() == EventType.POST || e.getEventType() == EventType.COMMENT)
                && Roles.isMember(e.getActorRole());
    }

    /**
     * The classified events in their two branches, kept apart so that each branch's consumers are
     * chained to it: a union in front of an operator would cost every event a network hop.
     */
    public record Classified(DataStream<ClassifiedEvent> memberItems, DataStream<ClassifiedEvent> others) {
        /** The events of both branches that pass {@code filter}. */
        public DataStream<ClassifiedEvent> select(FilterFunction<ClassifiedEvent> filter, String name, String uid) {
            return memberItems
                    .filter(filter)
                    .name(name + " (members' items)")
                    .uid(uid + "-items")
                    .union(others.filter(filter).name(name + " (other events)").uid(uid + "-others"));
        }
    }

    /**
     * Every KPI event once, members' items with their spam verdicts (and revisions), by one keyed
     * step: copies of an event share its community and actor, so they meet in the same key.
     */
    public static Classified classify(
            DataStream<SocialEvent> events, Communities communities, EventTimeSettings settings) {
        DataStream<ClassifiedEvent> classified = events.keyBy(Keys::actor)
                .transform(
                        "Classify spam, drop copies",
                        ClassifiedEventSerializer.TYPE,
                        new SpamClassifier(communities, settings.latenessMillis()))
                .uid("spam-classifier");
        DataStream<ClassifiedEvent> items = classified
                .filter(c -> isMemberItem(c.event))
                .name("Members' posts and comments")
                .uid("classified-items");
        DataStream<ClassifiedEvent> others = classified
                .filter(c -> !isMemberItem(c.event))
                .name("Events that are never spam")
                .uid("classified-others");
        return new Classified(items, others);
    }
}
