package io.smmpulse.community;

import io.smmpulse.core.config.BusinessCalendar;
import io.smmpulse.core.config.CommunityConfig;
import io.smmpulse.core.event.Roles;
import io.smmpulse.core.spam.SpamTopology;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.SocialEvent;

/** An event as a KPI counts it: its spam verdict, its community's rules and its local day, week and month. */
public final class Counted {
    public final SocialEvent event;
    public final boolean spam;
    public final CommunityConfig config;
    public final BusinessCalendar.LocalDay day;
    private final Periods periods;

    Counted(SocialEvent event, boolean spam, CommunityConfig config, Periods periods) {
        this.event = event;
        this.spam = spam;
        this.config = config;
        this.day = config.calendar().localDay(event.getOccurredAt().toEpochMilli());
        this.periods = periods;
    }

    Counted withSpam(boolean otherVerdict) {
        return new Counted(event, otherVerdict, config, periods);
    }

    public String community() {
        return event.getCommunityId();
    }

    public String actor() {
        return event.getActorId();
    }

    public EventType type() {
        return event.getEventType();
    }

    public boolean byMember() {
        return Roles.isMember(event.getActorRole());
    }

    /** A UGC item (docs/kpis.md): a member's POST or COMMENT that is not spam. */
    public boolean isUgcItem() {
        return SpamTopology.isMemberItem(event) && !spam;
    }

    /** When the sets of a group of this event's local day, week or month can no longer change. */
    public long dayClose() {
        return periods.close(day.endMillis());
    }

    public long weekClose() {
        return periods.close(day.weekEndMillis());
    }

    public long monthClose() {
        return periods.close(day.monthEndMillis());
    }
}
