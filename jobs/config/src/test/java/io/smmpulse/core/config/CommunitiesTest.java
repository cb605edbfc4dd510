package io.smmpulse.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smmpulse.schema.Channel;
import io.smmpulse.schema.Priority;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommunitiesTest {
    private static final String CONFIG = """
            {"defaults": {"timezone": "UTC",
                          "sla": [{"channel": "*", "priority": "URGENT", "first_response_minutes": 30, "business_hours": false},
                                  {"channel": "*", "priority": "*", "first_response_minutes": 120, "business_hours": true}],
                          "stop_words": ["spam"], "spam_max_items_per_minute": 5},
             "communities": {"acme": {"timezone": "Europe/Berlin", "stop_words": ["casino"],
                                      "sla": [{"channel": "DIRECT", "priority": "*", "first_response_minutes": 60}]}}}
            """;

    @Test
    void communityRulesComeFirstThenTheDefaultsInOrder() {
        CommunityConfig acme = Communities.parse(CONFIG, "test").forCommunity("acme");
        assertThat(acme.slaRuleFor(Channel.DIRECT, Priority.URGENT)
                        .orElseThrow()
                        .firstResponseMinutes())
                .isEqualTo(60);
        assertThat(acme.slaRuleFor(Channel.PUBLIC, Priority.URGENT)
                        .orElseThrow()
                        .firstResponseMinutes())
                .isEqualTo(30);
        assertThat(acme.slaRuleFor(Channel.PUBLIC, Priority.LOW).orElseThrow().firstResponseMinutes())
                .isEqualTo(120);
        assertThat(acme.slaRuleFor(Channel.DIRECT, Priority.LOW).orElseThrow().businessHours())
                .isTrue();
    }

    @Test
    void keysReplaceTheDefaultsKeyByKey() {
        Communities communities = Communities.parse(CONFIG, "test");
        assertThat(communities.forCommunity("acme").stopWords()).containsExactly("casino");
        assertThat(communities.forCommunity("acme").calendar().zone().getId()).isEqualTo("Europe/Berlin");
        assertThat(communities.forCommunity("other").stopWords()).containsExactly("spam");
        assertThat(communities.forCommunity("other").calendar().zone().getId()).isEqualTo("UTC");
    }

    @Test
    void noMatchingRuleMeansNoDeadline() {
        Communities communities = Communities.parse("""
                {"defaults": {"sla": [{"channel": "DIRECT", "priority": "*", "first_response_minutes": 60, "business_hours": false}]}}
                """, "test");
        assertThat(communities.forCommunity("x").deadline(0, Channel.PUBLIC, Priority.NORMAL))
                .isEmpty();
    }

    @Test
    void mistakesNameTheSetting() {
        assertThatThrownBy(() ->
                        Communities.parse("{\"communities\": {\"acme\": {\"timezone\": \"Europe/Berln\"}}}", "f.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("communities.acme.timezone")
                .hasMessageContaining("Europe/Berln");
        assertThatThrownBy(() -> Communities.parse(
                        "{\"defaults\": {\"sla\": [{\"channel\": \"DM\", \"priority\": \"*\", \"first_response_minutes\": 5}]}}",
                        "f.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("defaults.sla[0].channel");
        assertThatThrownBy(() -> Communities.parse(
                        "{\"defaults\": {\"sla\": [{\"channel\": \"*\", \"priority\": \"*\", \"first_response_minutes\": 0}]}}",
                        "f.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("first_response_minutes");
        assertThatThrownBy(() -> Communities.parse(
                        "{\"defaults\": {\"business_hours\": {\"mon\": [\"18:00-09:00\"]}}}", "f.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("defaults.business_hours.mon");
        assertThatThrownBy(() -> Communities.parse("{\"defaults\": {\"holidays\": [\"25.12.2026\"]}}", "f.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("holidays");
        assertThatThrownBy(() -> Communities.parse("{\"communities\": {\"ac\\u0001me\": {}}}", "f.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("without the control character U+0001");
        assertThatThrownBy(() -> Communities.parse("{\"defaults\": ", "f.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Communities.load(Path.of("/nonexistent/communities.json")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--communities")
                .hasMessageContaining("not found");
    }

    @Test
    void theHelpfulAndPostWindowsDefaultTo90DaysAndACommunityMaySetItsOwn() {
        Communities communities = Communities.parse("""
                {"defaults": {"post_window_days": 30},
                 "communities": {"acme": {"helpful_window_days": 7}, "other": {}}}""", "test");
        assertThat(communities.forCommunity("acme").helpfulWindowMillis()).isEqualTo(7L * 86_400_000);
        assertThat(communities.forCommunity("acme").postWindowMillis()).isEqualTo(30L * 86_400_000);
        assertThat(communities.forCommunity("other").helpfulWindowMillis()).isEqualTo(90L * 86_400_000);
        assertThatThrownBy(() -> Communities.parse("""
                        {"communities": {"acme": {"post_window_days": 0}}}""", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("communities.acme.post_window_days must be a whole number >= 1, got 0");
        assertThatThrownBy(() -> Communities.parse("""
                        {"defaults": {"helpful_window_days": "long"}}""", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("defaults.helpful_window_days");
    }

    @Test
    void aCommunitysFunnelsReplaceTheDefaultsListAndMistakesNameTheFunnel() {
        Communities communities = Communities.parse("""
                {"defaults": {"funnels": [{"name": "guide-to-form", "window_hours": 168,
                                           "steps": [{"event_type": "LINK_CLICK", "link_target": "GUIDE"}, {"event_type": "FORM_SUBMIT"}]}]},
                 "communities": {"acme": {"funnels": [{"name": "vote", "window_hours": 2, "steps": [{"event_type": "VIEW"}, {"event_type": "VOTE"}]}]},
                                 "quiet": {"funnels": []}}}
                """, "test");
        Funnel defaults = communities.forCommunity("other").funnels().get(0);
        assertThat(defaults.name()).isEqualTo("guide-to-form");
        assertThat(defaults.windowMillis()).isEqualTo(168 * 3_600_000L);
        assertThat(defaults.steps())
                .containsExactly(
                        new Funnel.Step(io.smmpulse.schema.EventType.LINK_CLICK, io.smmpulse.schema.LinkTarget.GUIDE),
                        new Funnel.Step(io.smmpulse.schema.EventType.FORM_SUBMIT, null));
        assertThat(communities.forCommunity("acme").funnels())
                .extracting(Funnel::name)
                .containsExactly("vote");
        assertThat(communities.forCommunity("quiet").funnels()).isEmpty();

        String bad = "{\"communities\": {\"acme\": {\"funnels\": [%s]}}}";
        assertThatThrownBy(() -> Communities.parse(
                        bad.formatted(
                                "{\"name\": \"f\", \"window_hours\": 0, \"steps\": [{\"event_type\": \"VIEW\"}]}"),
                        "f.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("communities.acme.funnels[0].window_hours");
        assertThatThrownBy(() -> Communities.parse(
                        bad.formatted(
                                "{\"name\": \"f\", \"window_hours\": 1, \"steps\": [{\"event_type\": \"TELEPORT\"}]}"),
                        "f.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("communities.acme.funnels[0].steps[0].event_type");
        assertThatThrownBy(() -> Communities.parse(
                        bad.formatted("{\"name\": \"f\", \"window_hours\": 1, \"steps\": []}"), "f.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("communities.acme.funnels[0].steps");
        assertThatThrownBy(() -> Communities.parse(
                        bad.formatted(
                                "{\"name\": \"f\", \"window_hours\": 1, \"steps\": [{\"event_type\": \"VIEW\"}]}, {\"name\": \"f\", \"window_hours\": 1, \"steps\": [{\"event_type\": \"VIEW\"}]}"),
                        "f.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("a second funnel named \"f\"");
    }

    @Test
    void aCommunitysGoalsReplaceTheDefaults() {
        Communities communities = Communities.parse("""
                {"defaults": {"goals": [{"metric": "sla_share", "period": "week", "target": 0.9},
                                        {"metric": "frt_avg_s", "period": "week", "target": 3600}],
                              "goal_alert_after": 0.25,
                              "risk": {"owners": {"*": "lead", "goals": "care-team"}}},
                 "communities": {"acme": {"goals": [{"metric": "ugc_items", "period": "month", "target": 400}]},
                                 "globex": {}}}
                """, "f.json");
        CommunityConfig acme = communities.forCommunity("acme");
        assertThat(acme.goals()).containsExactly(new Goal(Goal.Metric.UGC_ITEMS, Goal.Period.MONTH, 400));
        assertThat(acme.goalAlertAfter()).isEqualTo(0.25);
        assertThat(acme.goalOwner()).isEqualTo("care-team");
        assertThat(communities.forCommunity("globex").goals())
                .extracting(g -> g.metric().sqlName() + " " + g.metric().direction())
                .containsExactly("sla_share at_least", "frt_avg_s at_most");
        assertThat(Communities.parse("{}", "f.json").forCommunity("x").goals()).isEmpty();
        assertThat(Communities.parse("{}", "f.json").forCommunity("x").goalAlertAfter())
                .isEqualTo(0.5);
    }

    @Test
    void goalMistakesNameTheSetting() {
        String bad = "{\"communities\": {\"acme\": {\"goals\": [%s]}}}";
        assertThatThrownBy(() -> Communities.parse(
                        bad.formatted("{\"metric\": \"sla\", \"period\": \"week\", \"target\": 1}"), "f.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("communities.acme.goals[0].metric must be one of sla_share, frt_avg_s");
        assertThatThrownBy(() -> Communities.parse(
                        bad.formatted("{\"metric\": \"sla_share\", \"period\": \"day\", \"target\": 1}"), "f.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("communities.acme.goals[0].period must be one of week, month");
        assertThatThrownBy(() -> Communities.parse(
                        bad.formatted("{\"metric\": \"sla_share\", \"period\": \"week\", \"target\": \"90%\"}"),
                        "f.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("communities.acme.goals[0].target must be a number");
        assertThatThrownBy(() -> Communities.parse(
                        bad.formatted("{\"metric\": \"ugc_items\", \"period\": \"week\", \"target\": 1},"
                                + " {\"metric\": \"ugc_items\", \"period\": \"week\", \"target\": 2}"),
                        "f.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("communities.acme.goals[1]: a second goal for ugc_items per week");
        assertThatThrownBy(() -> Communities.parse("{\"defaults\": {\"goals\": {}}}", "f.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("defaults.goals must be a list");
        assertThatThrownBy(() -> Communities.parse("{\"defaults\": {\"goal_alert_after\": 2}}", "f.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("defaults.goal_alert_after must be a number from 0 to 1");
    }

    @Test
    void embeddedDefaultsLoad() {
        Communities embedded = Communities.embedded();
        assertThat(embedded.communityIds()).contains("acme", "globex", "initech", "umbrella");
    }
}
