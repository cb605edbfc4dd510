package io.smmpulse.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.smmpulse.core.config.ConfigException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A webhook endpoint on loopback that takes Alertmanager JSON ({@code POST /api/v2/alerts}) and hands
 * over each alert as it arrives. As in Alertmanager, an alert whose endsAt is past is resolved, and a
 * firing post of an alert that is already firing is a refresh, not a new alert.
 */
public final class AlertReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One alert as received: its identity (alertname/community/platform/question/status, or for a risk
     * spike alertname/community/signal/severity/status), the instant
     * it began (a breach's deadline, a warning's warning instant), when it came, and whether it only
     * refreshed an alert already firing.
     */
    public record Received(String id, String status, long startsMillis, long receivedMillis, boolean refresh) {
        public long delayMillis() {
            return receivedMillis - startsMillis;
        }

        public boolean isBreach() {
            return id.startsWith("SmmPulseSlaBreached/");
        }
    }

    private final java.util.Set<String> firing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final HttpServer server;

    /** @param port 0 for any free port */
    public AlertReceiver(int port, Consumer<Received> onAlert) throws IOException {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (BindException e) {
            throw new ConfigException("--port: 127.0.0.1:" + port + " is in use; choose another port");
        }
        server.createContext("/", exchange -> {
            long now = System.currentTimeMillis();
            try {
                for (JsonNode alert :
                        JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))) {
                    JsonNode labels = alert.path("labels");
                    String identity = labels.has("signal")
                            ? String.join(
                                    "/",
                                    List.of(
                                            labels.path("alertname").asText(),
                                            labels.path("community").asText(),
                                            labels.path("signal").asText(),
                                            labels.path("severity").asText()))
                            : String.join(
                                    "/",
                                    List.of(
                                            labels.path("alertname").asText(),
                                            labels.path("community").asText(),
                                            labels.path("platform").asText(),
                                            labels.path("question_id").asText()));
                    boolean resolved = alert.hasNonNull("endsAt")
                            && Instant.parse(alert.path("endsAt").asText()).toEpochMilli() <= now;
                    boolean refresh = false;
                    if (resolved) {
                        firing.remove(identity);
                    } else {
                        refresh = !firing.add(identity);
                    }
                    String status = resolved ? "resolved" : "firing";
                    onAlert.accept(new Received(
                            identity + "/" + status,
                            status,
                            Instant.parse(alert.path("startsAt").asText()).toEpochMilli(),
                            now,
                            refresh));
                }
                exchange.sendResponseHeaders(200, -1);
            } catch (IOException | RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public java.net.URI url() {
        return java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/alerts");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** p-th percentile (0..1) of the values, nearest rank above; null when there are none. */
    public static Long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.ceil(p * (sorted.size() - 1)));
    }
}
