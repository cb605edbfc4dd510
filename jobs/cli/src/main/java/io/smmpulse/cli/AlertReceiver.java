package io.smmpulse.cli;

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

/** A webhook endpoint on loopback that takes Alertmanager JSON and hands over each alert as it arrives. */
final class AlertReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One alert as received: its identity (community/platform/question/status), its deadline and when it came. */
    record Received(String id, String status, long deadlineMillis, long receivedMillis) {
        long delayMillis() {
            return receivedMillis - deadlineMillis;
        }
    }

    private final HttpServer server;

    /** @param port 0 for any free port */
    AlertReceiver(int port, Consumer<Received> onAlert) throws IOException {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (BindException e) {
            throw new ConfigException("--port: 127.0.0.1:" + port + " is in use; choose another port");
        }
        server.createContext("/", exchange -> {
            long now = System.currentTimeMillis();
            try {
                for (JsonNode alert : JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))) {
                    String status = alert.path("status").asText();
                    JsonNode labels = alert.path("labels");
                    String id = String.join("/", List.of(labels.path("community").asText(), labels.path("platform").asText(),
                            labels.path("question_id").asText(), status));
                    onAlert.accept(new Received(id, status, Instant.parse(alert.path("startsAt").asText()).toEpochMilli(), now));
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

    java.net.URI url() {
        return java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/alerts");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** p-th percentile (0..1) of the values, nearest rank above; null when there are none. */
    static Long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.ceil(p * (sorted.size() - 1)));
    }
}
