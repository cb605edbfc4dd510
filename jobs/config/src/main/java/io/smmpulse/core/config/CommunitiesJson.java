package io.smmpulse.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smmpulse.core.event.EventRules;
import io.smmpulse.core.state.Keys;
import io.smmpulse.schema.Channel;
import io.smmpulse.schema.EventType;
import io.smmpulse.schema.LinkTarget;
import io.smmpulse.schema.Priority;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON of the community configuration file (docs/communities.md) read into {@link Communities}:
 * every setting checked, every mistake a {@link ConfigException} naming its JSON path.
 */
final class CommunitiesJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HOURS = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");
    private static final Map<String, DayOfWeek> DAYS = Map.of(
            "mon",
            DayOfWeek.MONDAY,
            "tue",
            DayOfWeek.TUESDAY,
            "wed",
            DayOfWeek.WEDNESDAY,
            "thu",
            DayOfWeek.THURSDAY,
            "fri",
            DayOfWeek.FRIDAY,
            "sat",
            DayOfWeek.SATURDAY,
            "sun",
            DayOfWeek.SUNDAY);

    private CommunitiesJson() {}

    static Communities parse(String json, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException("--communities: " + origin + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(
                    "--communities: " + origin + " must hold a JSON object with \"defaults\" and \"communities\"");
        }
        ObjectNode defaultsNode = objectAt(root, "defaults", origin);
        List<SlaRule> defaultRules = slaRules(defaultsNode.get("sla"), origin + ": defaults.sla");
        CommunityConfig defaults = build("*", defaultsNode, defaultsNode, defaultRules, origin + ": defaults");
        Map<String, CommunityConfig> byId = new LinkedHashMap<>();
        ObjectNode communities = objectAt(root, "communities", origin);
        for (Iterator<Map.Entry<String, JsonNode>> it = communities.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String where = origin + ": communities." + entry.getKey();
            if (!entry.getValue().isObject()) {
                throw new ConfigException(where + " must be a JSON object");
            }
            if (entry.getKey().isEmpty()
                    || !Keys.fits(entry.getKey())
                    || entry.getKey().length() > EventRules.MAX_ID_LENGTH) {
                throw new ConfigException(where + ": a community id is 1 to " + EventRules.MAX_ID_LENGTH
                        + " characters without the control character U+0001");
            }
            List<SlaRule> rules = new ArrayList<>(slaRules(entry.getValue().get("sla"), where + ".sla"));
            rules.addAll(defaultRules);
            byId.put(entry.getKey(), build(entry.getKey(), (ObjectNode) entry.getValue(), defaultsNode, rules, where));
        }
        return new Communities(defaults, byId);
    }

    private static ObjectNode objectAt(JsonNode root, String key, String origin) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return JSON.createObjectNode();
        }
        if (!node.isObject()) {
            throw new ConfigException("--communities: " + origin + ": \"" + key + "\" must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private static CommunityConfig build(
            String id, ObjectNode own, ObjectNode defaults, List<SlaRule> rules, String where) {
        String zoneWhere = own.has("timezone") ? where + ".timezone" : "defaults.timezone";
        ZoneId zone = zone(pick(own, defaults, "timezone"), zoneWhere);
        Map<DayOfWeek, List<BusinessCalendar.Interval>> hours =
                businessHours(pick(own, defaults, "business_hours"), where + ".business_hours");
        Set<LocalDate> holidays = holidays(pick(own, defaults, "holidays"), where + ".holidays");
        List<String> stopWords = strings(pick(own, defaults, "stop_words"), where + ".stop_words");
        List<String> negativeWords = strings(pick(own, defaults, "negative_words"), where + ".negative_words");
        JsonNode warningNode = pick(own, defaults, "sla_warning_share");
        double warningShare = 0.8;
        if (warningNode != null && !warningNode.isNull()) {
            if (!warningNode.isNumber() || warningNode.asDouble() <= 0 || warningNode.asDouble() > 1) {
                throw new ConfigException(
                        where + ".sla_warning_share must be a number above 0 and at most 1, got " + warningNode);
            }
            warningShare = warningNode.asDouble();
        }
        int spamMax = ownOrDefault(own, defaults, "spam_max_items_per_minute", 5, 1, where);
        int helpfulWindowDays = ownOrDefault(own, defaults, "helpful_window_days", 90, 1, where);
        int postWindowDays = ownOrDefault(own, defaults, "post_window_days", 90, 1, where);
        BusinessCalendar calendar = new BusinessCalendar(zone, hours, holidays);
        boolean needsBusinessTime = rules.stream().anyMatch(SlaRule::businessHours);
        if (needsBusinessTime && !calendar.hasBusinessHours()) {
            throw new ConfigException(
                    where + ".business_hours has no opening hours, but an SLA rule counts business time");
        }
        List<Funnel> funnels =
                funnels(pick(own, defaults, "funnels"), own.has("funnels") ? where + ".funnels" : "defaults.funnels");
        RiskConfig risk = risk(pick(own, defaults, "risk"), own.has("risk") ? where + ".risk" : "defaults.risk");
        List<Goal> goals =
                GoalsJson.goals(pick(own, defaults, "goals"), own.has("goals") ? where + ".goals" : "defaults.goals");
        double goalAlertAfter = GoalsJson.alertAfter(
                pick(own, defaults, "goal_alert_after"),
                own.has("goal_alert_after") ? where + ".goal_alert_after" : "defaults.goal_alert_after");
        return new CommunityConfig(
                id,
                calendar,
                List.copyOf(rules),
                stopWords,
                negativeWords,
                spamMax,
                warningShare,
                funnels,
                risk,
                helpfulWindowDays,
                postWindowDays,
                goals,
                goalAlertAfter);
    }

    private static List<Funnel> funnels(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ConfigException(
                    where + " must be a list of funnels such as "
                            + "[{\"name\": \"guide-to-form\", \"window_hours\": 168, \"steps\": [{\"event_type\": \"LINK_CLICK\"}]}]");
        }
        List<Funnel> funnels = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode funnel : node) {
            String at = where + "[" + index++ + "]";
            if (!funnel.isObject()) {
                throw new ConfigException(at + " must be an object with name, window_hours and steps");
            }
            JsonNode name = funnel.get("name");
            if (name == null
                    || !name.isTextual()
                    || name.asText().isBlank()
                    || name.asText().length() > 64) {
                throw new ConfigException(
                        at + ".name must be a non-empty string of at most 64 characters, got " + name);
            }
            if (!names.add(name.asText())) {
                throw new ConfigException(at + ".name: a second funnel named \"" + name.asText() + "\"");
            }
            JsonNode hours = funnel.get("window_hours");
            if (hours == null || !hours.isIntegralNumber() || hours.asLong() <= 0 || hours.asLong() > 24 * 366) {
                throw new ConfigException(
                        at + ".window_hours must be a whole number of hours from 1 to 8784, got " + hours);
            }
            JsonNode stepsNode = funnel.get("steps");
            if (stepsNode == null || !stepsNode.isArray() || stepsNode.isEmpty() || stepsNode.size() > 16) {
                throw new ConfigException(
                        at + ".steps must be a list of 1 to 16 steps such as {\"event_type\": \"FORM_SUBMIT\"}");
            }
            List<Funnel.Step> steps = new ArrayList<>();
            int stepIndex = 0;
            for (JsonNode step : stepsNode) {
                String stepAt = at + ".steps[" + stepIndex++ + "]";
                if (!step.isObject()) {
                    throw new ConfigException(
                            stepAt + " must be an object with event_type and, optionally, link_target");
                }
                EventType type = symbol(step.get("event_type"), EventType.class, stepAt + ".event_type");
                if (type == null) {
                    throw new ConfigException(stepAt + ".event_type is required (\"*\" is not a step)");
                }
                steps.add(new Funnel.Step(
                        type, symbol(step.get("link_target"), LinkTarget.class, stepAt + ".link_target")));
            }
            funnels.add(new Funnel(name.asText(), hours.asLong() * 3_600_000L, List.copyOf(steps)));
        }
        return List.copyOf(funnels);
    }

    /** The risk signals docs/kpis.md defines; {@code owners} may name these or {@code *}. */
    /** {@code risk.owners}: signal name (or {@code *}) to team. */
    private static Map<String, String> owners(JsonNode ownersNode, Map<String, String> fallback, String where) {
        if (ownersNode == null || ownersNode.isNull()) {
            return fallback;
        }
        if (!ownersNode.isObject()) {
            throw new ConfigException(where + ".owners must be a JSON object of signal name to team");
        }
        Map<String, String> parsed = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ownersNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getKey().equals("*")
                    && !entry.getKey().equals(RiskConfig.GOALS_OWNER)
                    && !RiskConfig.SIGNALS.contains(entry.getKey())) {
                throw new ConfigException(where + ".owners: unknown signal \"" + entry.getKey() + "\" (known: "
                        + String.join(", ", RiskConfig.SIGNALS) + ", " + RiskConfig.GOALS_OWNER + ", *)");
            }
            if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
                throw new ConfigException(where + ".owners." + entry.getKey() + " must be a team name");
            }
            parsed.put(entry.getKey(), entry.getValue().asText());
        }
        return Map.copyOf(parsed);
    }

    private static RiskConfig risk(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return RiskConfig.DEFAULT;
        }
        if (!node.isObject()) {
            throw new ConfigException(where + " must be a JSON object");
        }
        RiskConfig d = RiskConfig.DEFAULT;
        int window = wholeNumber(node, "window_minutes", d.windowMinutes(), 1, where);
        int slide = wholeNumber(node, "slide_minutes", d.slideMinutes(), 1, where);
        int baseline = wholeNumber(node, "baseline_hours", d.baselineHours(), 1, where);
        int minHistory = wholeNumber(node, "min_history_hours", d.minHistoryHours(), 0, where);
        int minCount = wholeNumber(node, "min_count", d.minCount(), 0, where);
        if (60 % slide != 0) {
            throw new ConfigException(
                    where + ".slide_minutes must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60), got " + slide);
        }
        if (window % slide != 0) {
            throw new ConfigException(
                    where + ".window_minutes must be a multiple of slide_minutes (" + slide + "), got " + window);
        }
        if (minHistory > baseline) {
            throw new ConfigException(where + ".min_history_hours (" + minHistory + ") must not exceed baseline_hours ("
                    + baseline + ")");
        }
        java.math.BigDecimal sigma = d.sigma();
        JsonNode sigmaNode = node.get("sigma");
        if (sigmaNode != null && !sigmaNode.isNull()) {
            if (!sigmaNode.isNumber() || sigmaNode.decimalValue().signum() <= 0) {
                throw new ConfigException(where + ".sigma must be a number above 0, got " + sigmaNode);
            }
            sigma = sigmaNode.decimalValue();
        }
        Map<String, String> owners = owners(node.get("owners"), d.owners(), where);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!List.of(
                            "window_minutes",
                            "slide_minutes",
                            "baseline_hours",
                            "min_history_hours",
                            "sigma",
                            "min_count",
                            "owners")
                    .contains(key)) {
                throw new ConfigException(where + ": unknown key \"" + key + "\"");
            }
        }
        return new RiskConfig(window, slide, baseline, minHistory, sigma, minCount, owners);
    }

    private static int wholeNumber(JsonNode node, String key, int fallback, int min, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min) {
            throw new ConfigException(where + "." + key + " must be a whole number >= " + min + ", got " + value);
        }
        return value.asInt();
    }

    /** A whole number of the community's own keys, else of the defaults', else the fallback; errors name the key's path. */
    private static int ownOrDefault(
            ObjectNode own, ObjectNode defaults, String key, int fallback, int min, String where) {
        return own.has(key)
                ? wholeNumber(own, key, fallback, min, where)
                : wholeNumber(defaults, key, fallback, min, "defaults");
    }

    private static JsonNode pick(ObjectNode own, ObjectNode defaults, String key) {
        return own.has(key) ? own.get(key) : defaults.get(key);
    }

    private static ZoneId zone(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return ZoneId.of("UTC");
        }
        if (!node.isTextual()) {
            throw new ConfigException(where + " must be a time zone name such as \"Europe/Berlin\", got " + node);
        }
        try {
            return ZoneId.of(node.asText());
        } catch (DateTimeException e) {
            throw new ConfigException(where + ": unknown time zone \"" + node.asText()
                    + "\" (use an IANA name such as \"Europe/Berlin\")");
        }
    }

    private static Map<DayOfWeek, List<BusinessCalendar.Interval>> businessHours(JsonNode node, String where) {
        Map<DayOfWeek, List<BusinessCalendar.Interval>> hours = new EnumMap<>(DayOfWeek.class);
        if (node == null || node.isNull()) {
            for (DayOfWeek day : List.of(
                    DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
                hours.put(day, List.of(new BusinessCalendar.Interval(LocalTime.of(9, 0), LocalTime.of(18, 0))));
            }
            return hours;
        }
        if (!node.isObject()) {
            throw new ConfigException(where + " must be an object such as {\"mon\": [\"09:00-18:00\"]}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            DayOfWeek day = DAYS.get(entry.getKey().toLowerCase(Locale.ROOT));
            if (day == null) {
                throw new ConfigException(
                        where + ": unknown day \"" + entry.getKey() + "\" (use mon, tue, wed, thu, fri, sat, sun)");
            }
            List<BusinessCalendar.Interval> intervals = new ArrayList<>();
            for (String text : strings(entry.getValue(), where + "." + entry.getKey())) {
                intervals.add(interval(text, where + "." + entry.getKey()));
            }
            intervals.sort((a, b) -> a.start().compareTo(b.start()));
            for (int i = 1; i < intervals.size(); i++) {
                LocalTime previousEnd = intervals.get(i - 1).end();
                if (previousEnd == null || previousEnd.isAfter(intervals.get(i).start())) {
                    throw new ConfigException(where + "." + entry.getKey() + ": opening hours overlap");
                }
            }
            hours.put(day, List.copyOf(intervals));
        }
        return hours;
    }

    private static BusinessCalendar.Interval interval(String text, String where) {
        Matcher m = HOURS.matcher(text.trim());
        String hint =
                where + ": \"" + text + "\" is not an interval like \"09:00-18:00\" (end up to 24:00, after the start)";
        if (!m.matches()) {
            throw new ConfigException(hint);
        }
        int sh = Integer.parseInt(m.group(1)), sm = Integer.parseInt(m.group(2));
        int eh = Integer.parseInt(m.group(3)), em = Integer.parseInt(m.group(4));
        if (sh > 23 || sm > 59 || em > 59 || eh > 24 || (eh == 24 && em != 0)) {
            throw new ConfigException(hint);
        }
        LocalTime start = LocalTime.of(sh, sm);
        LocalTime end = eh == 24 ? null : LocalTime.of(eh, em);
        if (end != null && !end.isAfter(start)) {
            throw new ConfigException(hint);
        }
        return new BusinessCalendar.Interval(start, end);
    }

    private static Set<LocalDate> holidays(JsonNode node, String where) {
        Set<LocalDate> days = new HashSet<>();
        for (String text : strings(node, where)) {
            try {
                days.add(LocalDate.parse(text));
            } catch (DateTimeParseException e) {
                throw new ConfigException(where + ": \"" + text + "\" is not a date like \"2026-12-25\"");
            }
        }
        return days;
    }

    private static List<String> strings(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ConfigException(where + " must be a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new ConfigException(where + " must be a list of strings, found " + item);
            }
            values.add(item.asText());
        }
        return List.copyOf(values);
    }

    private static List<SlaRule> slaRules(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ConfigException(where + " must be a list of rules");
        }
        List<SlaRule> rules = new ArrayList<>();
        int index = 0;
        for (JsonNode rule : node) {
            String at = where + "[" + index++ + "]";
            if (!rule.isObject()) {
                throw new ConfigException(
                        at + " must be an object with channel, priority, first_response_minutes, business_hours");
            }
            Channel channel = symbol(rule.get("channel"), Channel.class, at + ".channel");
            Priority priority = symbol(rule.get("priority"), Priority.class, at + ".priority");
            JsonNode minutes = rule.get("first_response_minutes");
            if (minutes == null || !minutes.isIntegralNumber() || minutes.asLong() <= 0) {
                throw new ConfigException(
                        at + ".first_response_minutes must be a whole number of minutes > 0, got " + minutes);
            }
            JsonNode business = rule.get("business_hours");
            if (business != null && !business.isBoolean()) {
                throw new ConfigException(at + ".business_hours must be true or false, got " + business);
            }
            rules.add(new SlaRule(channel, priority, minutes.asLong(), business == null || business.asBoolean()));
        }
        return List.copyOf(rules);
    }

    private static <E extends Enum<E>> E symbol(JsonNode node, Class<E> type, String where) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().equals("*"))) {
            return null;
        }
        List<String> allowed = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            if (!value.name().equals("UNKNOWN")) {
                allowed.add(value.name());
            }
        }
        if (node.isTextual() && allowed.contains(node.asText())) {
            return Enum.valueOf(type, node.asText());
        }
        throw new ConfigException(where + ": " + node + " is not one of \"*\", " + String.join(", ", allowed));
    }
}
