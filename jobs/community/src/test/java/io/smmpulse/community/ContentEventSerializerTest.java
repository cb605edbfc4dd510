package io.smmpulse.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.core.event.InFlightSerializerTestBase;
import java.util.Objects;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Flink's own checks of a serializer over content events with each flag alone, all of them, nulls and long names. */
class ContentEventSerializerTest extends InFlightSerializerTestBase<ContentEvent> {

    /** ContentEvent has no equals of its own: equal when every field that crosses the network is. */
    ContentEventSerializerTest() {
        super(ContentEventSerializer.INSTANCE, ContentEvent.class, ContentEventSerializerTest::same);
    }

    private static boolean same(ContentEvent a, ContentEvent b) {
        return Objects.equals(a.community, b.community)
                && Objects.equals(a.target, b.target)
                && Objects.equals(a.type, b.type)
                && Objects.equals(a.actor, b.actor)
                && a.time == b.time
                && Objects.equals(a.linkTarget, b.linkTarget)
                && Objects.equals(a.nextStep, b.nextStep)
                && a.brandPost == b.brandPost
                && a.memberItem == b.memberItem
                && a.spam == b.spam
                && a.revision == b.revision;
    }

    private static ContentEvent event(String type, long time) {
        ContentEvent e = new ContentEvent();
        e.community = "acme";
        e.target = "p-1";
        e.type = type;
        e.actor = "m-1";
        e.time = time;
        return e;
    }

    @Override
    protected ContentEvent[] getTestData() {
        ContentEvent click = event("LINK_CLICK", 1_767_225_600_123L);
        click.linkTarget = "FAQ";
        click.nextStep = "GUIDE";
        ContentEvent brandPost = event("POST", 1L);
        brandPost.brandPost = true;
        ContentEvent memberItem = event("COMMENT", -5L);
        memberItem.memberItem = true;
        ContentEvent spam = event("COMMENT", 2L);
        spam.spam = true;
        ContentEvent revision = event("POST", 3L);
        revision.revision = true;
        ContentEvent everything = event("POST", Long.MAX_VALUE);
        everything.brandPost = everything.memberItem = everything.spam = everything.revision = true;
        everything.target = "ünïcødé-🙂-" + "9".repeat(300);
        everything.actor = "m-" + "7".repeat(200);
        everything.linkTarget = "SIGNUP";
        everything.nextStep = "FORM";
        return new ContentEvent[] {click, brandPost, memberItem, spam, revision, everything, new ContentEvent()};
    }

    @Test
    void aCommunityAndAnEventTypeArriveAsOneInstanceEach() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        ContentEventSerializer.INSTANCE.serialize(event("VIEW", 1L), out);
        ContentEventSerializer.INSTANCE.serialize(event("VIEW", 2L), out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        ContentEvent first = ContentEventSerializer.INSTANCE.deserialize(in);
        ContentEvent second = ContentEventSerializer.INSTANCE.deserialize(in);

        assertThat(second.community).isSameAs(first.community);
        assertThat(second.type).isSameAs(first.type);
        assertThat(second.target).isEqualTo(first.target).isNotSameAs(first.target);
        assertThat(second.time).isEqualTo(2L);
    }
}
