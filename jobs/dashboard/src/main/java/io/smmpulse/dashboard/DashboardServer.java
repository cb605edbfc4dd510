package io.smmpulse.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smmpulse.clickhouse.ClickHouseClient;
import io.smmpulse.core.Errors;
import io.smmpulse.core.config.ClickHouseSettings;
import io.smmpulse.core.config.ConfigException;
import io.smmpulse.core.config.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The local dashboard: a page on loopback with the panels of {@code dashboards/} as charts,
 * refreshed every 10 s, reading ClickHouse through the read-only analyst user.
 */
public final class DashboardServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClickHouseSettings analyst;
    private final List<Dashboards.Dashboard> dashboards;
    private final HttpServer server;
    /** Variable values per dashboard, shared by all panels of one refresh instead of queried per panel. */
    private final Map<String, Map<String, List<String>>> variableValues = new HashMap<>();

    private final Map<String, Long> variableValuesAt = new HashMap<>();
    private static final long VARIABLE_VALUES_TTL_MILLIS = 5_000;

    public DashboardServer(ClickHouseSettings analyst, List<Dashboards.Dashboard> dashboards, int port)
            throws IOException {
        this.analyst = analyst;
        this.dashboards = dashboards;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (BindException e) {
            throw new ConfigException("--port: 127.0.0.1:" + port + " is in use; choose another port");
        }
        server.createContext("/api/dashboards", this::dashboards);
        server.createContext("/api/panel", this::panel);
        server.createContext("/", this::page);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void page(HttpExchange exchange) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream("/dashboard/index.html")) {
            send(exchange, 200, "text/html; charset=utf-8", in.readAllBytes());
        }
    }

    private void dashboards(HttpExchange exchange) throws IOException {
        ArrayNode out = JSON.createArrayNode();
        try (ClickHouseClient client = ClickHouseClient.connect(analyst)) {
            for (Dashboards.Dashboard d : dashboards) {
                ObjectNode node = out.addObject().put("uid", d.uid()).put("title", d.title());
                ObjectNode variables = node.putObject("variables");
                for (Map.Entry<String, List<String>> v :
                        variableValues(client, d).entrySet()) {
                    v.getValue().forEach(variables.putArray(v.getKey())::add);
                }
                ArrayNode panels = node.putArray("panels");
                for (Dashboards.Panel p : d.panels()) {
                    panels.addObject()
                            .put("id", p.id())
                            .put("title", p.title())
                            .put("type", p.type())
                            .put("heatmap", p.heatmap())
                            .put("bars", p.bars());
                }
            }
            send(exchange, 200, "application/json", JSON.writeValueAsBytes(out));
        } catch (Exception e) {
            error(exchange, e);
        }
    }

    private void panel(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        try (ClickHouseClient client = ClickHouseClient.connect(analyst)) {
            Dashboards.Dashboard dashboard = dashboards.stream()
                    .filter(d -> d.uid().equals(query.get("dashboard")))
                    .findFirst()
                    .orElseThrow(() -> new ConfigException("unknown dashboard"));
            Dashboards.Panel panel = dashboard.panels().stream()
                    .filter(p -> String.valueOf(p.id()).equals(query.get("panel")))
                    .findFirst()
                    .orElseThrow(() -> new ConfigException("unknown panel"));
            Map<String, List<String>> selected = new HashMap<>();
            for (Dashboards.Variable v : dashboard.variables()) {
                String value = query.get(v.name());
                if (value != null && !value.isEmpty()) {
                    selected.put(v.name(), List.of(value.split(",")));
                }
            }
            int days = Integer.parseInt(query.getOrDefault("days", "30"));
            List<List<String>> rows =
                    client.query(Dashboards.render(panel.sql(), selected, variableValues(client, dashboard), days));
            ObjectNode out = JSON.createObjectNode();
            rows.get(0).forEach(out.putArray("columns")::add);
            ArrayNode data = out.putArray("rows");
            for (List<String> row : rows.subList(1, rows.size())) {
                ArrayNode r = data.addArray();
                row.forEach(r::add);
            }
            send(exchange, 200, "application/json", JSON.writeValueAsBytes(out));
        } catch (Exception e) {
            error(exchange, e);
        }
    }

    private synchronized Map<String, List<String>> variableValues(
            ClickHouseClient client, Dashboards.Dashboard dashboard) throws java.sql.SQLException {
        long now = System.currentTimeMillis();
        Long at = variableValuesAt.get(dashboard.uid());
        if (at == null || now - at > VARIABLE_VALUES_TTL_MILLIS) {
            variableValues.put(dashboard.uid(), Dashboards.allValues(client, dashboard));
            variableValuesAt.put(dashboard.uid(), now);
        }
        return variableValues.get(dashboard.uid());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static void error(HttpExchange exchange, Exception e) throws IOException {
        ObjectNode out = JSON.createObjectNode().put("error", Errors.firstLine(Errors.rootMessage(e)));
        send(
                exchange,
                e instanceof ConfigException || e instanceof NumberFormatException ? 400 : 500,
                "application/json",
                JSON.writeValueAsBytes(out));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The read-only analyst user: PULSE_ANALYST_USER / PULSE_ANALYST_PASSWORD, as bin/pulse up sets it up. */
    public static ClickHouseSettings analyst(Deployment deployment) {
        return deployment
                .clickHouse()
                .withUser(
                        System.getenv().getOrDefault("PULSE_ANALYST_USER", "analyst"),
                        System.getenv().getOrDefault("PULSE_ANALYST_PASSWORD", "analyst"));
    }
}
