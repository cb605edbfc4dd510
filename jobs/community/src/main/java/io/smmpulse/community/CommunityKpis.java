package io.smmpulse.community;

import io.smmpulse.core.config.BusinessCalendar;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.Sentiment;
import java.util.List;
import java.util.function.Consumer;

/** The group KPIs that one event decides alone (docs/kpis.md); helpful items, retention and campaigns need state per entity. */
public final class CommunityKpis {
    private CommunityKpis() {}

    /** Per community, platform and local day: members' events, spam items aside (docs/kpis.md). */
    public static final PerEventKpi ENGAGEMENT = new PerEventKpi() {
        public static final int VIEWS = 0,
                REACTIONS = 1,
                COMMENTS = 2,
                SHARES = 3,
                SAVES = 4,
                LINK_CLICKS = 5,
                FOLLOWS = 6,
                UNFOLLOWS = 7;

        @Override
        public String name() {
            return "engagement";
        }

        private final List<String> counterNames =
                List.of("views", "reactions", "comments", "shares", "saves", "link_clicks", "follows", "unfollows");

        @Override
        public List<String> counterNames() {
            return counterNames;
        }

        private final List<String> setNames = List.of("unique_viewers");

        @Override
        public List<String> setNames() {
            return setNames;
        }

        @Override
        public void contribute(Counted e, int sign, Consumer<GroupDelta> out) {
            if (!e.byMember() || e.spam) {
                return;
            }
            int counter = switch (e.type()) {
                case VIEW -> VIEWS;
                case REACTION -> REACTIONS;
                case COMMENT -> COMMENTS;
                case SHARE -> SHARES;
                case SAVE -> SAVES;
                case LINK_CLICK -> LINK_CLICKS;
                case FOLLOW -> FOLLOWS;
                case UNFOLLOW -> UNFOLLOWS;
                default -> -1;
            };
            if (counter < 0) {
                return;
            }
            GroupDelta delta = delta(platformDay(e), e.dayClose(), sign).count(counter);
            if (e.type() == EventType.VIEW) {
                delta.member(0, e.actor());
            }
            out.accept(delta);
        }
    };

    /** Per community, platform and local day: UGC items, negative and positive ones (docs/kpis.md). */
    public static final PerEventKpi SENTIMENT = new PerEventKpi() {
        @Override
        public String name() {
            return "sentiment";
        }

        private final List<String> counterNames = List.of("ugc_items", "negative", "positive");

        @Override
        public List<String> counterNames() {
            return counterNames;
        }

        private final List<String> setNames = List.of();

        @Override
        public List<String> setNames() {
            return setNames;
        }

        @Override
        public void contribute(Counted e, int sign, Consumer<GroupDelta> out) {
            if (!e.isUgcItem()) {
                return;
            }
            GroupDelta delta = delta(platformDay(e), e.dayClose(), sign).count(0);
            if (e.config.isNegative(e.event)) {
                delta.count(1);
            }
            if (e.event.getSentiment() == Sentiment.POSITIVE) {
                delta.count(2);
            }
            out.accept(delta);
        }
    };

    /** Per community and local week: active members, writers, voters, sharers (docs/kpis.md). */
    public static final PerEventKpi ACTIVITY = new PerEventKpi() {
        @Override
        public String name() {
            return "activity";
        }

        private final List<String> counterNames = List.of();

        @Override
        public List<String> counterNames() {
            return counterNames;
        }

        private final List<String> setNames = List.of("active_members", "writers", "voters", "sharers");

        @Override
        public List<String> setNames() {
            return setNames;
        }

        @Override
        public void contribute(Counted e, int sign, Consumer<GroupDelta> out) {
            if (!isActivity(e)) {
                return;
            }
            GroupDelta delta = delta(week(e), e.weekClose(), sign).member(0, e.actor());
            if (e.type() == EventType.POST || e.type() == EventType.COMMENT) {
                delta.member(1, e.actor());
            } else if (e.type() == EventType.VOTE) {
                delta.member(2, e.actor());
            } else if (e.type() == EventType.SHARE) {
                delta.member(3, e.actor());
            }
            out.accept(delta);
        }
    };

    /** Per community and local week of the item: UGC items, spam items, contributors; helpful items come from {@link HelpfulItems}. */
    public static final PerEventKpi UGC = new PerEventKpi() {
        @Override
        public String name() {
            return "ugc";
        }

        private final List<String> counterNames = List.of("ugc_items", "spam_items", "helpful_items");

        @Override
        public List<String> counterNames() {
            return counterNames;
        }

        private final List<String> setNames = List.of("contributors");

        @Override
        public List<String> setNames() {
            return setNames;
        }

        @Override
        public void contribute(Counted e, int sign, Consumer<GroupDelta> out) {
            if (!io.smmpulse.core.spam.SpamTopology.isMemberItem(e.event)) {
                return;
            }
            GroupDelta delta = delta(week(e), e.weekClose(), sign);
            if (e.spam) {
                delta.count(UGC_SPAM_ITEMS);
            } else {
                delta.count(UGC_ITEMS).member(0, e.actor());
            }
            out.accept(delta);
        }
    };

    /** docs/kpis.md, activity share: a member's event of an activity type, spam items aside. */
    static boolean isActivity(Counted e) {
        return e.byMember() && !e.spam && io.smmpulse.core.event.EventRules.ACTIVITY_TYPES.contains(e.type());
    }

    static final int PERIOD_UGC_ITEMS = 0;
    static final int PERIOD_HELPFUL_ITEMS = 1;

    /**
     * Per community and local week and month (docs/goals.md): what the goals count over a whole period and no daily
     * table holds: UGC items and helpful ones, distinct active members, distinct proposals implemented. Helpful items
     * come from {@link HelpfulItems}.
     */
    public static final PerEventKpi PERIODS = new PerEventKpi() {
        @Override
        public String name() {
            return "periods";
        }

        private final List<String> counterNames = List.of("ugc_items", "helpful_items");

        @Override
        public List<String> counterNames() {
            return counterNames;
        }

        private final List<String> setNames = List.of("active_members", "proposals_implemented");

        @Override
        public List<String> setNames() {
            return setNames;
        }

        @Override
        public void contribute(Counted e, int sign, Consumer<GroupDelta> out) {
            boolean ugc = e.isUgcItem();
            boolean active = isActivity(e);
            boolean implemented = e.type() == EventType.PROPOSAL_IMPLEMENTED && e.event.getProposalId() != null;
            if (!ugc && !active && !implemented) {
                return;
            }
            String community = e.community();
            for (GroupDelta delta : new GroupDelta[] {
                delta(weekOf(community, e.day), e.weekClose(), sign),
                delta(monthOf(community, e.day), e.monthClose(), sign)
            }) {
                if (ugc) {
                    delta.count(PERIOD_UGC_ITEMS);
                }
                if (active) {
                    delta.member(0, e.actor());
                }
                if (implemented) {
                    delta.member(1, e.event.getProposalId());
                }
                out.accept(delta);
            }
        }
    };

    /** The goal period groups of a community's local week or month starting on an epoch day. */
    static String[] weekOf(String community, BusinessCalendar.LocalDay day) {
        return new String[] {community, "week", day.weekStartText()};
    }

    static String[] monthOf(String community, BusinessCalendar.LocalDay day) {
        return new String[] {community, "month", day.monthStartText()};
    }

    static final int UGC_ITEMS = 0;
    static final int UGC_SPAM_ITEMS = 1;
    static final int UGC_HELPFUL_ITEMS = 2;

    /** The group of an event's community and local week (activity, UGC). */
    static String[] week(Counted e) {
        return week(e.community(), e.day);
    }

    /** The group of a community's local week: helpful items join their UGC week by it. */
    static String[] week(String community, BusinessCalendar.LocalDay day) {
        return new String[] {community, day.weekStartText()};
    }

    /** The group of an event's community, platform and local day (engagement, sentiment). */
    static String[] platformDay(Counted e) {
        return new String[] {e.community(), e.event.getPlatform(), e.day.epochDayText()};
    }

    /** Per community and local month: distinct proposals submitted, accepted, implemented (docs/kpis.md). */
    public static final PerEventKpi PROPOSALS = new PerEventKpi() {
        @Override
        public String name() {
            return "proposals";
        }

        private final List<String> counterNames = List.of();

        @Override
        public List<String> counterNames() {
            return counterNames;
        }

        private final List<String> setNames = List.of("submitted", "accepted", "implemented");

        @Override
        public List<String> setNames() {
            return setNames;
        }

        @Override
        public void contribute(Counted e, int sign, Consumer<GroupDelta> out) {
            int stage = switch (e.type()) {
                case PROPOSAL_SUBMITTED -> 0;
                case PROPOSAL_ACCEPTED -> 1;
                case PROPOSAL_IMPLEMENTED -> 2;
                default -> -1;
            };
            if (stage < 0 || e.event.getProposalId() == null) {
                return;
            }
            out.accept(delta(new String[] {e.community(), e.day.monthStartText()}, e.monthClose(), sign)
                    .member(stage, e.event.getProposalId()));
        }
    };

    static final int CAMPAIGN_CLICKERS = 0;
    static final int CAMPAIGN_CONVERTERS = 1;

    /** Whether an event is a member's campaign click (docs/kpis.md). */
    public static boolean isCampaignClick(io.smmpulse.schema.SocialEvent e) {
        return e.getEventType() == EventType.LINK_CLICK
                && io.smmpulse.core.event.Roles.isMember(e.getActorRole())
                && e.getUtmCampaign() != null;
    }

    static String[] campaignDay(Counted click) {
        String source = click.event.getUtmSource() == null ? "" : click.event.getUtmSource();
        return new String[] {click.community(), source, click.event.getUtmCampaign(), click.day.epochDayText()};
    }

    /** A day's converters can change until its last click's 7 days + the allowed lateness have passed. */
    static long campaignClose(Counted click) {
        return click.dayClose() + PostResults.WINDOW_MILLIS;
    }

    /** Per community, utm_source, utm_campaign and local day of the click: clicks, clickers; converters from {@link CampaignConversions}. */
    public static final PerEventKpi CAMPAIGNS = new PerEventKpi() {
        @Override
        public String name() {
            return "campaigns";
        }

        private final List<String> counterNames = List.of("clicks");

        @Override
        public List<String> counterNames() {
            return counterNames;
        }

        private final List<String> setNames = List.of("clickers", "converters_7d");

        @Override
        public List<String> setNames() {
            return setNames;
        }

        @Override
        public void contribute(Counted e, int sign, Consumer<GroupDelta> out) {
            if (isCampaignClick(e.event)) {
                out.accept(
                        delta(campaignDay(e), campaignClose(e), sign).count(0).member(CAMPAIGN_CLICKERS, e.actor()));
            }
        }
    };
}
