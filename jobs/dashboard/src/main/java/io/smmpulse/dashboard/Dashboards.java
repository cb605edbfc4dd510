package io.smmpulse.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smmpulse.clickhouse.ClickHouseClient;
import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.core.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dashboards of {@code dashboards/} (Grafana JSON, provisioned into Grafana in production)
 * read by the local dashboard and the tests: the same panels and SQL everywhere. Grafana's
 * macros used there are {@code ${var:singlequote}}, {@code $__fromTime} and {@code $__toTime}.
 */
public final class Dashboards {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+):singlequote}");

    public record Panel(
            String dashboard,
            int id,
            String title,
            String type,
            boolean heatmap,
            /* a timeseries of a handful of weeks or months: bars, as Grafana's drawStyle "bars" */
            boolean bars,
            String sql,
            List<String> expectedColumns) {}

    record Variable(String name, String label, String query) {}

    public record Dashboard(String uid, String title, List<Variable> variables, List<Panel> panels) {}

    private Dashboards() {}

    public static Path locate() {
        String configured = System.getenv("PULSE_DASHBOARD_DIR");
        Path dir = configured != null && !configured.isBlank()
                ? Paths.get(configured)
                : ClickHouseSchema.locateSqlDir().getParent().resolve("dashboards");
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("PULSE_DASHBOARD_DIR: " + dir + " is not a directory of dashboard JSON files");
        }
        return dir;
    }

    public static List<Dashboard> load(Path dir) throws IOException {
        List<Dashboard> dashboards = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = JSON.readTree(file.toFile());
                String uid = root.path("uid").asText();
                List<Variable> variables = new ArrayList<>();
                for (JsonNode v : root.path("templating").path("list")) {
                    variables.add(new Variable(
                            v.path("name").asText(),
                            v.path("label").asText(),
                            v.path("query").asText()));
                }
                List<Panel> panels = new ArrayList<>();
                for (JsonNode p : root.path("panels")) {
                    JsonNode target = p.path("targets").path(0);
                    List<String> columns = new ArrayList<>();
                    target.path("expectedColumns").forEach(c -> columns.add(c.asText()));
                    panels.add(new Panel(
                            uid,
                            p.path("id").asInt(),
                            p.path("title").asText(),
                            p.path("type").asText(),
                            "heatmap".equals(p.path("options").path("pulse").asText()),
                            "bars"
                                    .equals(p.path("fieldConfig")
                                            .path("defaults")
                                            .path("custom")
                                            .path("drawStyle")
                                            .asText()),
                            target.path("rawSql").asText(),
                            columns));
                }
                dashboards.add(new Dashboard(uid, root.path("title").asText(), variables, panels));
            }
        }
        return dashboards;
    }

    /** Every value a variable can take (its query's first column). */
    static List<String> values(ClickHouseClient client, Variable variable) throws SQLException {
        List<List<String>> rows = client.query(variable.query());
        return rows.stream().skip(1).map(r -> r.get(0)).toList();
    }

    /**
     * The panel's SQL for the selected values (unknown values are refused: they come from the
     * browser) and a time range of the last {@code days}.
     */
    public static String render(
            String sql, Map<String, List<String>> selected, Map<String, List<String>> allowed, int days) {
        Matcher m = VARIABLE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            List<String> values = selected.getOrDefault(name, List.of());
            List<String> known = allowed.getOrDefault(name, List.of());
            if (values.isEmpty()) {
                values = known;
            }
            for (String value : values) {
                if (!known.contains(value)) {
                    throw new ConfigException(name + ": unknown value \"" + value + "\"");
                }
            }
            String list = values.isEmpty()
                    ? "''"
                    : String.join(
                            ", ",
                            values.stream().map(ClickHouseClient::stringLiteral).toList());
            m.appendReplacement(out, Matcher.quoteReplacement(list));
        }
        m.appendTail(out);
        return out.toString()
                .replace("$__fromTime", "toDateTime(now() - INTERVAL " + days + " DAY)")
                .replace("$__toTime", "now()");
    }

    public static Map<String, List<String>> allValues(ClickHouseClient client, Dashboard dashboard)
            throws SQLException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Variable v : dashboard.variables()) {
            values.put(v.name(), values(client, v));
        }
        return values;
    }
}
